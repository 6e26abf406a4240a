namespace SeaTable.Grains.Content.Sql;

/// <summary>A statement refused (syntax, names, types, bounds): its error kind and the message the caller sees.</summary>
internal sealed class SqlException(SqlError error, string message) : Exception(message)
{
    public SqlError Error { get; } = error;

    public static SqlException Invalid(string message) => new(SqlError.Invalid, message);
}
