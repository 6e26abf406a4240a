using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// UPDATE and DELETE turned into the row API's operations: every row is matched and every value converted
/// (as the row API converts it: option names to ids, new options created, dates normalized) before anything is
/// written, so a refused statement changes nothing; the grain then logs the operations as one write.
/// </summary>
internal static class SqlWrite
{
    public static IReadOnlyList<ContentOp> Update(UpdateStatement statement, SqlScope scope, SqlCompiler compiler, SqlGuard guard,
        string actor, long now, SqlVectors? vectors, out int count)
    {
        var source = scope.Sources[0];
        var table = source.Table;
        var where = statement.Where is null ? null : compiler.Predicate(statement.Where);
        var assignments = new List<(ContentColumn Column, SqlEvaluator Value)>();
        foreach (var assignment in statement.Assignments)
        {
            var bound = scope.Resolve(new ColumnExpr(null, assignment.Column, assignment.Position));
            if (!bound.Field.IsWritable)
            {
                throw SqlException.Invalid($"Column {assignment.Column} cannot be updated: {(bound.Field.Column is null ? "system fields" : bound.Field.Type + " columns")} are read-only.");
            }

            if (assignments.Any(a => a.Column == bound.Field.Column))
            {
                throw SqlException.Invalid($"Column {assignment.Column} is set twice.");
            }

            assignments.Add((bound.Field.Column!, compiler.Compile(assignment.Value)));
        }

        var converter = new CellConverter();
        var changes = new List<RowChange>();
        foreach (var (row, tuple) in Matching(scope, compiler, where, guard, vectors, "updating"))
        {
            var cells = new List<CellUpdate>(assignments.Count);
            foreach (var (column, value) in assignments)
            {
                var element = SqlJson.ToElement(Shape(column, value(tuple)));
                if (!converter.TryConvert(column, element, out var raw, out var error))
                {
                    throw SqlException.Invalid($"Column {column.Name}: {error ?? "the value does not fit the column."}");
                }

                cells.Add(new CellUpdate(column.Key, raw));
            }

            changes.Add(new RowChange(row.Id, cells));
        }

        count = changes.Count;
        if (changes.Count == 0)
        {
            return [];
        }

        var operations = new List<ContentOp>();
        operations.AddRange(converter.NewOptions.Select(o => new AddColumnOptionsOp(table.Id, o.Key.Key, new JsonArray([.. o.Value]))));
        operations.Add(new ModifyRowsOp(table.Id, actor, now, changes));
        return operations;
    }

    public static IReadOnlyList<ContentOp> Delete(DeleteStatement statement, SqlScope scope, SqlCompiler compiler, SqlGuard guard,
        SqlVectors? vectors, out int count)
    {
        var table = scope.Sources[0].Table;
        var where = statement.Where is null ? null : compiler.Predicate(statement.Where);
        var ids = new List<string>();
        foreach (var (row, _) in Matching(scope, compiler, where, guard, vectors, "deleting"))
        {
            ids.Add(row.Id);
        }

        count = ids.Count;
        return ids.Count == 0 ? [] : [new DeleteRowsOp(table.Id, ids)];
    }

    /// <summary>A list column takes a single value as a list of one; another column a list of one as its item.</summary>
    private static SqlValue Shape(ContentColumn column, SqlValue value) =>
        column.Type is ColumnTypes.MultipleSelect or "collaborator"
            ? value.Kind == SqlKind.List || value.IsEmpty ? value : SqlValue.FromList([value])
            : value.Kind == SqlKind.List && value.Items.Count == 1 ? value.Items[0] : value;

    /// <summary>
    /// The rows WHERE keeps, each in the tuple it was matched in (valid until the next), through the select's
    /// own scan; a locked row refuses the whole statement. Called once every expression is compiled.
    /// </summary>
    private static IEnumerable<(ContentRow Row, SqlTuple Tuple)> Matching(SqlScope scope, SqlCompiler compiler, Func<SqlTuple, bool>? where,
        SqlGuard guard, SqlVectors? vectors, string doing)
    {
        if (vectors is not null && compiler.Evaluated.Count > 0)
        {
            vectors.Prepare(scope.Content, scope.Sources[0].Table, compiler.Evaluated, guard);
        }

        var tuple = new SqlTuple(1, scope.SlotCount);
        foreach (var rows in new SqlJoin(scope, compiler, null, guard).Tuples(tuple, where))
        {
            var row = rows[0];
            if (RowLocks.IsLocked(row))
            {
                throw SqlException.Invalid($"Row {row.Id} is locked: unlock it before {doing} it.");
            }

            yield return (row, tuple);
        }
    }
}
