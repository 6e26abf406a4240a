using System.Reflection;
using System.Text.Json;

namespace SeaTable.Api.Infrastructure.Binding;

/// <summary>Where a request property's value comes from.</summary>
public enum FieldSource
{
    /// <summary>A route value when the route has it, otherwise the query (GET) or the body (other methods).</summary>
    Default,
    Query,
}

/// <summary>One property of a request record and the name SeaTable's clients send it by (snake_case).</summary>
public sealed record BoundField(PropertyInfo Property, string Name, FieldSource Source)
{
    /// <summary>The property's setter, compiled once per type: every request of every endpoint sets its fields.</summary>
    public Action<object, object?> Set { get; } = CompileSetter(Property);

    public Type Type => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>The body itself (<see cref="RequestFields"/>), for the few calls whose fields are open-ended.</summary>
    public bool IsWholeBody => Property.PropertyType == typeof(RequestFields);

    private static Action<object, object?> CompileSetter(PropertyInfo property)
    {
        var target = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var value = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var assign = System.Linq.Expressions.Expression.Assign(
            System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(target, property.DeclaringType!), property),
            System.Linq.Expressions.Expression.Convert(value, property.PropertyType));
        return System.Linq.Expressions.Expression.Lambda<Action<object, object?>>(assign, target, value).Compile();
    }
}

/// <summary>
/// The bindable properties of a request type, read once per type: the binder and the OpenAPI description
/// walk the same list, so the document says exactly what is bound.
/// </summary>
public sealed class RequestShape
{
    private RequestShape(Type type)
    {
        Type = type;
        Fields = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => new BoundField(p,
                p.GetCustomAttribute<FastEndpoints.BindFromAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name),
                p.GetCustomAttribute<InQueryAttribute>() is not null ? FieldSource.Query : FieldSource.Default))];
        ReadsBodyItself = type.GetCustomAttribute<ReadsBodyItselfAttribute>() is not null;
        ReadsBodyOnGet = type.GetCustomAttribute<BodyOnGetAttribute>() is not null;
        MaxBodyBytes = type.GetCustomAttribute<MaxBodyBytesAttribute>()?.Bytes ?? RequestFieldsReader.MaxFieldBodyBytes;
    }

    public Type Type { get; }

    public IReadOnlyList<BoundField> Fields { get; }

    public bool ReadsBodyItself { get; }

    /// <summary>A GET whose fields come from its body (except [InQuery] ones): see <see cref="BodyOnGetAttribute"/>.</summary>
    public bool ReadsBodyOnGet { get; }

    public long MaxBodyBytes { get; }

    public static RequestShape For(Type type) => new(type);
}
