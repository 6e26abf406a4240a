using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Engine;
using SeaTable.Grains.Content.Sql.Functions;

namespace SeaTable.Tests.Sql.Engine;

/// <summary>
/// Thousands of generated statements, well-formed and broken, over every column kind: each either answers or
/// is refused with an <see cref="SqlException"/>; nothing else escapes (which the API would answer as a 500).
/// A fixed seed, so a failure repeats.
/// </summary>
public sealed class SqlRobustnessTests : SqlTestBase
{
    private static readonly string[] Columns =
        ["Name", "Age", "City", "Tags", "Born", "Active", "Owner", "Notes", "`Home town`", "`year`", "Orders", "_id", "_ctime", "_mtime", "_creator", "c.Name", "Nope"];

    private static readonly string[] Literals =
        ["1", "0", "-1", "2.5", "1e308", "'Berlin'", "''", "'vip'", "'2024-01-01'", "'2024-13-45'", "NULL", "TRUE", "FALSE", "'%a_'", "'😀'", "'\\''", "\"x\""];

    private static readonly string[] Binary = ["=", "!=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "AND", "OR", "LIKE", "ILIKE", "NOT LIKE"];

    [Fact]
    public void Generated_statements_answer_or_are_refused_never_fail_otherwise()
    {
        var random = new Random(1234);
        var functions = SqlFunctions.Names.ToArray();
        var content = Load();
        var vectors = new SqlVectors();
        var answered = 0;
        var refused = 0;
        for (var i = 0; i < 4000; i++)
        {
            var sql = Statement(random, functions);
            if (random.Next(10) == 0)
            {
                // Broken: a piece cut out or doubled.
                var at = random.Next(sql.Length);
                sql = random.Next(2) == 0 ? sql.Remove(at, Math.Min(random.Next(1, 8), sql.Length - at)) : sql.Insert(at, sql[..Math.Min(at, 6)]);
            }

            try
            {
                Run(content, sql, convertKeys: random.Next(2) == 0, vectors: random.Next(2) == 0 ? vectors : null);
                answered++;
            }
            catch (SqlException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{sql}\n{e}");
            }

            // Writes change the base: start again from the fixture now and then.
            if (i % 200 == 0)
            {
                content = Load();
            }
        }

        Assert.True(answered > 400 && refused > 400, $"answered {answered}, refused {refused}: the generator should produce both");
    }

    private static string Statement(Random random, string[] functions) => random.Next(10) switch
    {
        0 => $"UPDATE Contacts SET {Pick(random, Columns)} = {Expression(random, functions, 2)} WHERE {Expression(random, functions, 3)}",
        1 => $"DELETE FROM Contacts WHERE {Expression(random, functions, 3)}",
        2 => $"SELECT c.Name, o.Title FROM Contacts c, Orders o WHERE c.Name = o.Customer AND {Expression(random, functions, 2)} ORDER BY {Expression(random, functions, 1)}",
        3 => $"SELECT {Pick(random, Columns)}, COUNT(*), {Pick(random, ["SUM", "MIN", "MAX", "AVG", "COUNT"])}({Expression(random, functions, 1)}) FROM Contacts c GROUP BY {Pick(random, Columns)} HAVING {Expression(random, functions, 2)}",
        _ => $"SELECT {(random.Next(4) == 0 ? "DISTINCT " : "")}{string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Expression(random, functions, 2)))} FROM Contacts c"
             + (random.Next(2) == 0 ? $" WHERE {Expression(random, functions, 3)}" : "")
             + (random.Next(2) == 0 ? $" ORDER BY {Expression(random, functions, 2)} {Pick(random, ["ASC", "DESC", ""])}" : "")
             + (random.Next(2) == 0 ? $" LIMIT {random.Next(0, 20)} OFFSET {random.Next(0, 5)}" : ""),
    };

    private static string Expression(Random random, string[] functions, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return random.Next(2) == 0 ? Pick(random, Columns) : Pick(random, Literals);
        }

        return random.Next(9) switch
        {
            0 => $"{Pick(random, functions)}({string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Expression(random, functions, depth - 1)))})",
            1 => $"{Expression(random, functions, depth - 1)} {Pick(random, ["IN", "NOT IN", "HAS ANY OF", "HAS ALL OF", "HAS NONE OF", "IS EXACTLY"])} ({Expression(random, functions, 0)}, {Expression(random, functions, 0)})",
            2 => $"{Expression(random, functions, depth - 1)} {Pick(random, ["BETWEEN", "NOT BETWEEN"])} {Expression(random, functions, 0)} AND {Expression(random, functions, 0)}",
            3 => $"{Expression(random, functions, depth - 1)} IS {Pick(random, ["NULL", "NOT NULL", "TRUE", "NOT TRUE"])}",
            4 => $"NOT ({Expression(random, functions, depth - 1)})",
            5 => $"-{Expression(random, functions, depth - 1)}",
            _ => $"({Expression(random, functions, depth - 1)} {Pick(random, Binary)} {Expression(random, functions, depth - 1)})",
        };
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
