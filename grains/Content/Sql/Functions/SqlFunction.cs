using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>A scalar function's body: its arguments, already evaluated, and the statement's context.</summary>
internal delegate SqlValue SqlFunctionBody(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context);

/// <summary>
/// One of SeaTable's SQL functions: how many arguments it takes (<see cref="MaxArguments"/> -1: any number
/// from the minimum up) and its body. A body throws <see cref="SqlException"/> (Invalid) for an argument it
/// cannot take, with a message naming the function.
/// </summary>
internal sealed record SqlFunction(string Name, int MinArguments, int MaxArguments, SqlFunctionBody Invoke);

/// <summary>What a statement's functions share: the moment it started (now(), today()), UTC.</summary>
internal sealed record SqlFunctionContext(DateTime UtcNow);
