using System.Globalization;
using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using FastEndpoints;
using Microsoft.AspNetCore.Routing;

namespace SeaTable.Api.Infrastructure.Binding;

/// <summary>
/// Fills a request record the way SeaTable's Django views read their input, for every endpoint: a property
/// named like a route value takes it; otherwise it comes from the query (GET, HEAD, and [InQuery]) or from the
/// body's fields (JSON, form or multipart, read by <see cref="RequestBodyReading"/>), by its snake_case name
/// or [BindFrom] name. FastEndpoints' own binder is not used because SeaTable's clients send the same field
/// as a JSON string, a JSON number or a form value, and a value of the wrong kind must reach the validator as
/// absent (SeaTable's "… invalid." texts), not fail deserialization with a framework message.
/// </summary>
public sealed class SeaTableRequestBinder<TRequest>(RequestShapes shapes) : IRequestBinder<TRequest> where TRequest : notnull
{
    private readonly RequestShape _shape = shapes.Of(typeof(TRequest));

    public ValueTask<TRequest> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        if (EmptyRequest.Instance is TRequest empty)
        {
            return ValueTask.FromResult(empty);
        }

        var http = ctx.HttpContext;
        var request = http.Request;
        var fromQuery = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !_shape.ReadsBodyOnGet;
        var body = http.Features.Get<RequestFields>() ?? RequestFields.Empty;
        var dto = Activator.CreateInstance<TRequest>();
        foreach (var field in _shape.Fields)
        {
            if (field.IsWholeBody)
            {
                field.Set(dto, body);
                continue;
            }

            object? value;
            if (http.GetRouteValue(field.Name) is string routeValue)
            {
                value = FromText(field, routeValue, ctx.ValidationFailures);
            }
            else if (fromQuery || field.Source == FieldSource.Query)
            {
                value = request.Query.TryGetValue(field.Name, out var values) && values.Count > 0
                    ? FromText(field, values[^1] ?? "", ctx.ValidationFailures)
                    : null;
            }
            else
            {
                value = FromBody(field, body, ctx.ValidationFailures);
            }

            if (value is not null)
            {
                field.Set(dto, value);
            }
        }

        if (ctx.ValidationFailures.Count > 0)
        {
            throw new ValidationFailureException(ctx.ValidationFailures, "Request binding failed.");
        }

        return ValueTask.FromResult(dto);
    }

    private static object? FromBody(BoundField field, RequestFields body, List<ValidationFailure> failures)
    {
        if (!body.Has(field.Name))
        {
            return null;
        }

        if (field.Type == typeof(JsonElement))
        {
            return body.Json(field.Name);
        }

        if (field.Type == typeof(BoolField))
        {
            return body.Bool(field.Name);
        }

        if (field.Type == typeof(string))
        {
            // A number sent for a name is as invalid as no name: the validator answers "… invalid.".
            return body.String(field.Name);
        }

        if (body.Json(field.Name) is { ValueKind: JsonValueKind.Number } number)
        {
            return FromText(field, number.GetRawText(), failures);
        }

        return body.String(field.Name) is { } text ? FromText(field, text, failures) : Invalid(field, failures);
    }

    private static object? FromText(BoundField field, string text, List<ValidationFailure> failures)
    {
        var type = field.Type;
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(BoolField))
        {
            return text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" => BoolField.True,
                "false" or "0" => BoolField.False,
                _ => BoolField.Invalid,
            };
        }

        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d;
        }

        if (type == typeof(Guid) && Guid.TryParse(text, out var g))
        {
            return g;
        }

        return Invalid(field, failures);
    }

    private static object? Invalid(BoundField field, List<ValidationFailure> failures)
    {
        failures.Add(new ValidationFailure(field.Name, $"{field.Name} invalid."));
        return null;
    }
}
