using System.Text.Json;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// Runs a SELECT over the rows in memory: tuples (one table, or an inner join by hash on its equality
/// conditions), WHERE, then either ORDER BY with a bounded heap of the rows the page needs and a stream of
/// the rest, or groups with their aggregates; DISTINCT, the page, and the answer written once. Rows are
/// never copied: cells are read where they are and written from there.
/// </summary>
internal sealed partial class SqlSelect
{
    private readonly SelectStatement _statement;
    private readonly SqlScope _scope;
    private readonly SqlCompiler _compiler;
    private readonly SqlGuard _guard;
    private readonly bool _convertKeys;
    private readonly List<SqlOutputColumn> _columns = [];
    private readonly List<SqlAggregate> _aggregates = [];
    private readonly bool _grouped;
    private readonly bool _join;

    private readonly SqlVectors? _vectors;

    public SqlSelect(SelectStatement statement, SqlScope scope, SqlCompiler compiler, SqlGuard guard, bool convertKeys, SqlVectors? vectors = null)
    {
        _vectors = vectors;
        _statement = statement;
        _scope = scope;
        _compiler = compiler;
        _guard = guard;
        _convertKeys = convertKeys;
        _join = scope.Sources.Count > 1;
        _grouped = statement.GroupBy.Count > 0 || statement.Having is not null
                   || statement.Items.Any(i => SqlCompiler.HasAggregate(i.Expr))
                   || statement.OrderBy.Any(o => SqlCompiler.HasAggregate(o.Expr));
    }

    public int Count { get; private set; }

    public void Run(Utf8JsonWriter writer)
    {
        var (limit, offset) = Page();
        _compiler.Aliases = null;
        _compiler.Aggregates = null;
        var where = _statement.Where is null ? null : _compiler.Predicate(_statement.Where);
        var groupKeys = GroupKeys();
        _compiler.Aliases = Aliases();
        _compiler.Aggregates = _grouped ? _aggregates : null;
        AddColumns();
        var having = _statement.Having is null ? null : _compiler.Predicate(_statement.Having);
        var order = _statement.OrderBy.Select(o => (Key: SortKey(o.Expr), o.Descending)).ToArray();
        _compiler.Aggregates = null;
        _compiler.Aliases = null;
        var join = new SqlJoin(_scope, _compiler, _statement.Where, _guard);

        // A statement that reads every row of one table reads its decoded columns (kept until the next write).
        if (_vectors is not null && !_join && (_grouped || order.Length > 0 || _statement.Distinct) && _compiler.Evaluated.Count > 0)
        {
            _vectors.Prepare(_scope.Content, _scope.Sources[0].Table, _compiler.Evaluated, _guard);
        }

        // Created once every expression is compiled: the tuple keeps a slot for each field they read.
        var tuple = new SqlTuple(_scope.Sources.Count, _scope.SlotCount);
        var results = new List<ContentRow[]>();
        List<SqlValue[]>? aggregates = null;
        var tuples = join.Tuples(tuple, where);
        if (_grouped)
        {
            (results, aggregates) = Group(tuples, tuple, groupKeys, having, order, limit, offset);
        }
        else if (order.Length > 0 || _statement.Distinct)
        {
            results = Sorted(tuples, tuple, order, limit, offset);
        }
        else
        {
            foreach (var rows in tuples)
            {
                if (offset > 0)
                {
                    offset--;
                    continue;
                }

                if (results.Count == limit)
                {
                    break;
                }

                results.Add((ContentRow[])rows.Clone());
            }
        }

        Write(writer, tuple, results, aggregates);
    }

    private (int Limit, int Offset) Page()
    {
        var limits = _guard.Limits;
        var limit = _statement.Limit ?? limits.DefaultRows;
        var offset = _statement.Offset ?? 0;
        if (limit < 0 || offset < 0)
        {
            throw SqlException.Invalid("LIMIT and OFFSET must not be negative.");
        }

        // As in SeaTable, a larger LIMIT still answers at most the maximum (page with OFFSET).
        return ((int)Math.Min(limit, limits.MaxRows), (int)Math.Min(offset, int.MaxValue));
    }

    private Dictionary<string, SqlExpr> Aliases()
    {
        var aliases = new Dictionary<string, SqlExpr>(StringComparer.Ordinal);
        foreach (var item in _statement.Items)
        {
            if (item.Alias is { } alias)
            {
                aliases.TryAdd(alias, item.Expr);
            }
        }

        return aliases;
    }

    private SqlEvaluator[] GroupKeys()
    {
        _compiler.Aliases = Aliases();
        _compiler.Aggregates = null;
        return [.. _statement.GroupBy.Select(e => SqlCompiler.HasAggregate(Unalias(e))
            ? throw SqlException.Invalid("GROUP BY cannot group by an aggregate.")
            : _compiler.Compile(e))];
    }

    private SqlExpr Unalias(SqlExpr expression) =>
        expression is ColumnExpr { Table: null } column && _compiler.Aliases is { } aliases && aliases.TryGetValue(column.Name, out var aliased) ? aliased : expression;

    private SqlEvaluator SortKey(SqlExpr expression)
    {
        var evaluator = _compiler.Compile(expression);
        if (Unalias(expression) is ColumnExpr column && _scope.Resolve(column).Field is { Type: ColumnTypes.SingleSelect } field)
        {
            return tuple => field.SortKey(evaluator(tuple));
        }

        return evaluator;
    }

    private void AddColumns()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _statement.Items)
        {
            if (item.Expr is StarExpr star)
            {
                if (_grouped)
                {
                    throw SqlException.Invalid("SELECT * cannot be grouped: name the columns, or use COUNT(*).");
                }

                var sources = star.Table is null ? _scope.Sources
                    : [_scope.SourceOf(star.Table) ?? throw SqlException.Invalid($"no such table: {star.Table}")];
                foreach (var source in sources)
                {
                    foreach (var tableColumn in source.Table.Columns)
                    {
                        Add(keys, Field(_scope.Bind(source, tableColumn), alias: null));
                    }

                    foreach (var system in (SystemField[])[SystemField.Id, SystemField.CreatedAt, SystemField.ModifiedAt, SystemField.Creator, SystemField.LastModifier])
                    {
                        Add(keys, Field(_scope.BindSystem(source, system), alias: null));
                    }
                }

                continue;
            }

            if (item.Expr is ColumnExpr column)
            {
                Add(keys, Field(_scope.Resolve(column), item.Alias));
                continue;
            }

            var value = _compiler.Compile(item.Expr);
            var (type, data) = StaticType(item.Expr);
            Add(keys, new SqlOutputColumn(item.Alias ?? item.Text.Replace("`", "", StringComparison.Ordinal), value, type, data));
        }
    }

    private void Add(HashSet<string> keys, SqlOutputColumn column)
    {
        // A key selected twice is answered once, as a JSON object can hold it once.
        if (keys.Add(column.Key))
        {
            _columns.Add(column);
        }
    }

    private SqlOutputColumn Field(BoundField bound, string? alias)
    {
        var field = bound.Field;
        var source = _scope.Sources[bound.Source];
        var cell = new SqlCellWriter(field, _convertKeys);
        var data = field.Column?.Definition["data"];
        if (_join)
        {
            // Join results are keyed by the metadata's "id", unique across the tables (as SeaTable keys them).
            var id = $"{source.Table.Id}.{field.Key}";
            return new SqlOutputColumn(alias ?? id, alias ?? field.Key, alias ?? field.Name, bound, cell, data, tableName: source.Table.Name);
        }

        return new SqlOutputColumn(alias ?? (_convertKeys ? field.Name : field.Key), alias ?? field.Key, alias ?? field.Name, bound, cell, data);
    }

    /// <summary>The metadata type of an expression where it is known before the values: aggregates, and MIN / MAX of a column.</summary>
    private (string? Type, System.Text.Json.Nodes.JsonNode? Data) StaticType(SqlExpr expression)
    {
        if (expression is FunctionExpr function && SqlAggregate.KindOf(function.Name) is { } kind)
        {
            if (kind is AggregateKind.Min or AggregateKind.Max && function.Arguments is [ColumnExpr column])
            {
                var field = _scope.Resolve(column).Field;
                return (field.Type, field.Column?.Definition["data"]?.DeepClone());
            }

            return ("number", null);
        }

        return (null, null);
    }

    private void Write(Utf8JsonWriter writer, SqlTuple tuple, List<ContentRow[]> rows, List<SqlValue[]>? aggregates)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteString("error_message", "");
        writer.WriteBoolean("is_join_stmt", _join);
        writer.WriteStartArray("results");
        var cells = new SqlRowCells(_columns, _scope.Sources.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            _guard.Tick();
            tuple.Set(rows[i]);
            tuple.Aggregates = aggregates?[i] ?? [];
            cells.Find(rows[i]);
            writer.WriteStartObject();
            for (var c = 0; c < _columns.Count; c++)
            {
                var column = _columns[c];
                writer.WritePropertyName(column.Key);
                if (cells.Has(c))
                {
                    column.Cell!.WriteCell(writer, rows[i][column.Source], cells.Raw(c, rows[i][column.Source]));
                }
                else
                {
                    column.Write(writer, tuple);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        // After the results: an expression's type is known from its values.
        writer.WriteStartArray("metadata");
        foreach (var column in _columns)
        {
            column.WriteMetadata(writer, _join);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        Count = rows.Count;
    }

}
