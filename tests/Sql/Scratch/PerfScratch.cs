using System.Diagnostics;
using System.Text;
using SeaTable.Grains.Content.Model;
using SeaTable.Tests.Sql.Engine;
using Xunit.Abstractions;

namespace SeaTable.Tests.Sql.Scratch;

public sealed class PerfScratch(ITestOutputHelper output) : SqlTestBase
{
    [Fact]
    public void Measure()
    {
        var json = """
        {"version": 1, "format_version": 9, "tables": [{"_id": "t1", "name": "Bench", "columns": [
          {"key": "c000", "name": "Name", "type": "text"}, {"key": "c001", "name": "Text 2", "type": "text"},
          {"key": "c002", "name": "Text 3", "type": "text"}, {"key": "c003", "name": "Text 4", "type": "text"},
          {"key": "c004", "name": "Number 1", "type": "number"}, {"key": "c005", "name": "Number 2", "type": "number"},
          {"key": "c006", "name": "Number 3", "type": "number"}, {"key": "c007", "name": "Status", "type": "single-select", "data": {"options": [{"id": "a1", "name": "open"}, {"id": "a2", "name": "closed"}]}},
          {"key": "c008", "name": "Text 5", "type": "text"}, {"key": "c009", "name": "Text 6", "type": "text"}], "rows": []}]}
        """;
        var content = Load(json);
        var table = content.Tables[0];
        for (var b = 0; b < 100; b++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var cells = $"{{\"c000\":\"row {b}-{i}\",\"c001\":\"lorem ipsum dolor\",\"c002\":\"item-{i % 97}\",\"c003\":\"sit amet\",\"c004\":{i},\"c005\":{i * 1.5},\"c006\":{b},\"c007\":\"{(i % 3 == 0 ? "a1" : "a2")}\",\"c008\":\"consectetur\",\"c009\":\"{b * 1000 + i}\"}}";
                table.Rows.Add(new ContentRow($"r{b}-{i}") { Cells = Encoding.UTF8.GetBytes(cells), CreatedAt = 1700000000000, ModifiedAt = 1700000000000, Creator = "app", LastModifier = "app" });
            }
        }

        var vectors = new SeaTable.Grains.Content.Sql.Engine.SqlVectors();
        foreach (var sql in new[]
        {
            "SELECT * FROM Bench WHERE `Number 1` > 500 ORDER BY `Text 3` LIMIT 1000",
            "SELECT Status, COUNT(*), SUM(`Number 2`) FROM Bench GROUP BY Status",
            "SELECT * FROM Bench LIMIT 10000 OFFSET 20000",
            "SELECT COUNT(*) FROM Bench WHERE `Number 1` > 500",
        })
        {
            for (var i = 0; i < 40; i++) Run(content, sql, vectors: vectors);
            var times = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                var sw = Stopwatch.StartNew();
                Run(content, sql, vectors: vectors);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"{times[5]:F1} ms  {sql}");
        }

        var up = Stopwatch.StartNew();
        var (_, outcome) = Run(content, "UPDATE Bench SET `Text 4` = 'changed' WHERE `Number 3` < 10", vectors: vectors);
        output.WriteLine($"{up.Elapsed.TotalMilliseconds:F1} ms update {outcome.Count}");
    }
}
