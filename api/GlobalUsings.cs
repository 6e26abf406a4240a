global using FastEndpoints;
global using Orleans;
global using SeaTable.Api.Infrastructure;
