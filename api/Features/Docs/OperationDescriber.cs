using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Api.Infrastructure.Binding;

namespace SeaTable.Api.Features.Docs;

/// <summary>
/// Describes each FastEndpoints operation from what the server really does with it. ASP.NET Core's generator
/// sees FastEndpoints' handlers as delegates without parameters, and FastEndpoints' own OpenAPI package works
/// with NSwag and its own binder, so neither knows <see cref="SeaTableRequestBinder{TRequest}"/>: this walks
/// the same <see cref="RequestShape"/> the binder fills (path, query, JSON and form body), names the feature's
/// tag (its folder), the endpoint's summary, the credential it declares, and SeaTable's error bodies.
/// </summary>
public sealed class OperationDescriber : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<FastEndpoints.EndpointDefinition>().FirstOrDefault() is not { } definition)
        {
            return;
        }

        var method = context.Description.HttpMethod ?? "GET";
        // "{workspace_id:long}" as the document names it: "{workspace_id}".
        var route = System.Text.RegularExpressions.Regex.Replace(context.Description.RelativePath ?? "", @"\{\*{0,2}([^}:?*=]+)[^}]*\}", "{$1}");
        var feature = definition.EndpointType.Namespace?.Split('.').LastOrDefault() ?? "API";
        operation.Tags = new HashSet<OpenApiTagReference> { new(feature, context.Document) };
        if (definition.EndpointSummary is { } summary)
        {
            operation.Summary = string.IsNullOrWhiteSpace(summary.Summary) ? operation.Summary : summary.Summary;
            operation.Description = string.IsNullOrWhiteSpace(summary.Description) ? operation.Description : summary.Description;
        }

        operation.Summary ??= $"{method} /{route}";
        var hasInput = await DescribeRequestAsync(operation, context, definition, method, route, cancellationToken);
        var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        var schemes = anonymous ? [] : definition.AuthSchemeNames is { Count: > 0 } declared ? declared : [AuthSchemes.LoginToken];
        if (schemes.Count > 0)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId(schemes[0]), context.Document)] = [] }];
            foreach (var scheme in schemes.Skip(1))
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId(scheme), context.Document)] = [] });
            }
        }

        await DescribeErrorsAsync(operation, context, schemes, hasInput || route.Contains('{', StringComparison.Ordinal), route.Contains('{', StringComparison.Ordinal), cancellationToken);
        await DescribeRetriesAsync(operation, context, definition, method, cancellationToken);
    }

    /// <summary>Issue 16: the Idempotency-Key header of row writes, and the answer of a write whose outcome is unknown.</summary>
    private static async Task DescribeRetriesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        FastEndpoints.EndpointDefinition definition, string method, CancellationToken ct)
    {
        if (Infrastructure.WriteOutcomes.WriteOutcomeGuard.IsRead(method))
        {
            return;
        }

        var error = await context.GetOrCreateSchemaAsync(typeof(Infrastructure.ErrorBody), null, ct);
        var marker = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Infrastructure.WriteOutcomes.RepeatableWriteAttribute>(definition.EndpointType);
        if (marker is { WithIdempotencyKeyOnly: true })
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Infrastructure.WriteOutcomes.IdempotencyKeyHeader.Name,
                In = ParameterLocation.Header,
                Required = false,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Infrastructure.WriteOutcomes.IdempotencyKeyHeader.MaxLength },
                Description = "Beyond SeaTable: 1 to 255 printable ASCII characters. The same key again on the same base within 24 hours "
                    + "answers the first answer (same status and body) without writing again; with another request: 422.",
            });
            Add(operation, "422", "The Idempotency-Key was used for another request: {\"error_msg\": \"Idempotency-Key ... was used for another request.\"}.", error);
        }

        var unknown = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error_msg"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["outcome"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "\"unknown\"" },
            },
        };
        Add(operation, "504", "The outcome of this write is unknown (a silo died or a call timed out while it ran): read before retrying; "
            + "no Retry-After. {\"error_msg\": \"The outcome of this write is unknown: ...\", \"outcome\": \"unknown\"}.", unknown);
        Add(operation, "503", "Temporarily unavailable before anything was written: safe to retry after Retry-After seconds.", error);
    }

    public static string SchemeId(string scheme) => scheme switch
    {
        AuthSchemes.LoginToken => "LoginToken",
        AuthSchemes.ApiToken => "ApiToken",
        AuthSchemes.BaseToken => "BaseToken",
        AuthSchemes.WebSession => "WebSession",
        _ => "StaffBasic",
    };

    private static async Task<bool> DescribeRequestAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        FastEndpoints.EndpointDefinition definition, string method, string route, CancellationToken ct)
    {
        if (definition.ReqDtoType is not { } type || type == typeof(FastEndpoints.EmptyRequest))
        {
            return false;
        }

        var shape = context.ApplicationServices.GetRequiredService<RequestShapes>().Of(type);
        // A GET with a body (filtered-rows) documents its body fields as a body, as the binder reads them.
        var inQuery = (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && !shape.ReadsBodyOnGet;
        operation.Parameters ??= [];
        var body = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        var hasInput = false;
        foreach (var field in shape.Fields)
        {
            if (field.IsWholeBody)
            {
                body.AdditionalPropertiesAllowed = true;
                hasInput = true;
                continue;
            }

            var schema = await SchemaOfAsync(context, field, ct);
            var description = FieldDescription(field);
            if (route.Contains("{" + field.Name + "}", StringComparison.Ordinal))
            {
                if (operation.Parameters.FirstOrDefault(p => p.Name == field.Name) is OpenApiParameter existing)
                {
                    existing.Schema = schema;
                    existing.Description ??= description;
                }
                else
                {
                    operation.Parameters.Add(new OpenApiParameter { Name = field.Name, In = ParameterLocation.Path, Required = true, Schema = schema, Description = description });
                }
            }
            else if (inQuery || field.Source == FieldSource.Query)
            {
                hasInput = true;
                operation.Parameters.Add(new OpenApiParameter { Name = field.Name, In = ParameterLocation.Query, Required = IsRequired(field), Schema = schema, Description = description });
            }
            else
            {
                hasInput = true;
                body.Properties[field.Name] = schema;
                if (IsRequired(field))
                {
                    (body.Required ??= new HashSet<string>()).Add(field.Name);
                }
            }
        }

        if (body.Properties.Count > 0 || body.AdditionalPropertiesAllowed && !inQuery)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required?.Count > 0,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = body },
                    ["application/x-www-form-urlencoded"] = new() { Schema = body },
                    ["multipart/form-data"] = new() { Schema = body },
                },
            };
        }
        else if (shape.ReadsBodyItself && !inQuery)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true } },
                },
            };
            hasInput = true;
        }

        return hasInput;
    }

    private static bool IsRequired(BoundField field) =>
        field.Property.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), true).Length > 0;

    private static string? FieldDescription(BoundField field) =>
        (field.Property.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), true).FirstOrDefault() as System.ComponentModel.DescriptionAttribute)?.Description;

    private static async Task<IOpenApiSchema> SchemaOfAsync(OpenApiOperationTransformerContext context, BoundField field, CancellationToken ct)
    {
        if (field.Type == typeof(BoolField))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "true / false (also \"1\" / \"0\")" };
        }

        if (field.Type == typeof(JsonElement))
        {
            return new OpenApiSchema { Description = "any JSON value" };
        }

        return await context.GetOrCreateSchemaAsync(field.Type, null, ct);
    }

    /// <summary>SeaTable's refusals with their bodies, as the credential, the route and the input make them possible.</summary>
    private static async Task DescribeErrorsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        IReadOnlyList<string> schemes, bool canBeBad, bool canBeMissing, CancellationToken ct)
    {
        operation.Responses ??= [];

        // FastEndpoints' defaults describe its own error shapes (problem details, empty 401/403): not this server's.
        foreach (var status in operation.Responses.Keys.Where(k => k.StartsWith('4') || k.StartsWith('5')).ToList())
        {
            operation.Responses.Remove(status);
        }

        var error = await context.GetOrCreateSchemaAsync(typeof(Infrastructure.ErrorBody), null, ct);
        var detail = await context.GetOrCreateSchemaAsync(typeof(Infrastructure.DetailBody), null, ct);
        if (canBeBad)
        {
            Add(operation, "400", "Bad input: {\"error_msg\": \"app_name invalid.\"} and the like.", error);
        }

        if (schemes.Contains(AuthSchemes.LoginToken) || schemes.Contains(AuthSchemes.StaffBasic))
        {
            Add(operation, "401", "A login token that is unknown or of an inactive user: {\"detail\"}.", detail);
            Add(operation, "403", "No credentials, or not allowed: {\"detail\"} or {\"error_msg\": \"Permission denied.\"}.", detail);
        }

        if (schemes.Contains(AuthSchemes.ApiToken) || schemes.Contains(AuthSchemes.BaseToken))
        {
            Add(operation, "403", "No token, an expired one (\"Token expired.\"), another base's or a revoked one (\"Permission denied.\").", error);
            Add(operation, "429", "The token's requests per minute are spent (see Retry-After).", error);
        }

        if (canBeMissing || schemes.Contains(AuthSchemes.ApiToken))
        {
            Add(operation, "404", "Not found: {\"error_msg\": \"... not found.\"}.", error);
        }
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        }
    }
}
