using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>A table of a statement's FROM: its place in a tuple, the table and the name it goes by.</summary>
internal sealed record SqlSource(int Index, ContentTable Table, string? Alias);

/// <summary>A field resolved for a statement: which source, which field, and its slot in the tuple's cache.</summary>
internal sealed record BoundField(int Source, SqlField Field, int Slot);

/// <summary>
/// The tables a statement reads and the names in it resolved against them. Table and column names match
/// exactly first, then ignoring case (SeaTable's SQL is case-insensitive); a column also matches by key
/// (convert_keys users write keys). Each field gets one slot, so it is decoded once per tuple.
/// </summary>
internal sealed class SqlScope
{
    private readonly BaseContent _content;
    private readonly Dictionary<(int Source, string Key), BoundField> _bound = [];

    public SqlScope(BaseContent content, IReadOnlyList<SqlTableRef> from)
    {
        _content = content;
        var sources = new List<SqlSource>();
        foreach (var reference in from)
        {
            var table = content.TableByName(reference.Name)
                        ?? content.Tables.Find(t => string.Equals(t.Name, reference.Name, StringComparison.OrdinalIgnoreCase))
                        ?? throw SqlException.Invalid($"no such table: {reference.Name}");
            if (sources.Any(s => s.Table == table))
            {
                throw SqlException.Invalid($"Table {table.Name} appears twice in FROM: each table may be named once.");
            }

            sources.Add(new SqlSource(sources.Count, table, reference.Alias));
        }

        Sources = sources;
    }

    public IReadOnlyList<SqlSource> Sources { get; }

    public int SlotCount => _bound.Count;

    public BaseContent Content => _content;

    /// <summary>The source a qualifier names (an alias, else a table name); null when none does.</summary>
    public SqlSource? SourceOf(string qualifier) =>
        Sources.FirstOrDefault(s => s.Alias == qualifier)
        ?? Sources.FirstOrDefault(s => s.Alias is null && s.Table.Name == qualifier)
        ?? Sources.FirstOrDefault(s => string.Equals(s.Alias ?? s.Table.Name, qualifier, StringComparison.OrdinalIgnoreCase));

    public BoundField Resolve(ColumnExpr column)
    {
        if (column.Table is { } qualifier)
        {
            var source = SourceOf(qualifier) ?? throw SqlException.Invalid($"no such table: {qualifier}");
            return Bind(source, column.Name) ?? throw SqlException.Invalid($"no such column: {qualifier}.{column.Name}");
        }

        BoundField? found = null;
        foreach (var source in Sources)
        {
            if (Bind(source, column.Name) is { } bound)
            {
                if (found is not null && bound.Field.System == SystemField.None)
                {
                    throw SqlException.Invalid($"Column {column.Name} is ambiguous: name its table (table.column).");
                }

                found ??= bound;
            }
        }

        return found ?? throw SqlException.Invalid($"no such column: {column.Name}");
    }

    /// <summary>Binds a column of a source by its key (the "*" expansion).</summary>
    public BoundField Bind(SqlSource source, ContentColumn column) => BindField(source, column.Key, () => new SqlField(_content, source.Table, column));

    public BoundField BindSystem(SqlSource source, SystemField system) => BindField(source, "\0" + system, () => new SqlField(system));

    private BoundField? Bind(SqlSource source, string name)
    {
        var table = source.Table;
        if (table.ColumnByName(name) is { } byName)
        {
            return Bind(source, byName);
        }

        if (SqlField.SystemFieldOf(name) is var system and not SystemField.None)
        {
            return BindSystem(source, system);
        }

        var column = table.Columns.Find(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? table.ColumnByKey(name);
        return column is null ? null : Bind(source, column);
    }

    private BoundField BindField(SqlSource source, string key, Func<SqlField> create)
    {
        if (!_bound.TryGetValue((source.Index, key), out var bound))
        {
            bound = new BoundField(source.Index, create(), _bound.Count);
            _bound[(source.Index, key)] = bound;
        }

        return bound;
    }
}
