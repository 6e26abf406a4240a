using System.Text;
using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Tests.Grains;

/// <summary>
/// The fed content.json parser: the same pieces whatever the block boundaries (down to one byte, so every
/// token is split somewhere), in document order, and clear refusals for what is not a base.
/// </summary>
public sealed class ContentJsonParserTests
{
    private const string Document = """
        {"version": 7, "settings": {"a": [1, 2, {"b": "x\"y"}]},
         "tables": [
           {"rows": [{"_id": "r1", "0000": "é ✓"}, {"_id": "r2", "0000": 1.5e3}], "_id": "0000", "name": "T1", "columns": []},
           {"_id": "t2", "name": "T2", "rows": []}
         ],
         "links": [], "description": null}
        """;

    [Fact]
    public void Pieces_are_the_same_for_every_block_size()
    {
        var bytes = Encoding.UTF8.GetBytes(Document);
        var expected = Parse(bytes, bytes.Length);
        Assert.Equal(
            [
                "member version 7", "member settings {\"a\": [1, 2, {\"b\": \"x\\\"y\"}]}", "tables[",
                "table 0", "rows[", "row {\"_id\": \"r1\", \"0000\": \"é ✓\"}", "row {\"_id\": \"r2\", \"0000\": 1.5e3}", "]rows",
                "table-member _id \"0000\"", "table-member name \"T1\"", "table-member columns []", "end-table",
                "table 1", "table-member _id \"t2\"", "table-member name \"T2\"", "rows[", "]rows", "end-table", "]tables",
                "member links []", "member description null",
            ],
            expected);
        for (var size = 1; size < 40; size++)
        {
            Assert.Equal(expected, Parse(bytes, size));
        }

        byte[] withBom = [0xEF, 0xBB, 0xBF, .. bytes];
        Assert.Equal(expected, Parse(withBom, 1));
        Assert.Equal(expected, Parse(withBom, 2));
    }

    [Theory]
    [InlineData("[1, 2]", "the top level is not an object")]
    [InlineData("""{"tables": {"0000": {}}}""", "\"tables\" is missing or not a list")]
    [InlineData("""{"tables": [1]}""", "tables[0] is not an object")]
    [InlineData("""{"tables": [{"rows": {}}]}""", "tables[0].rows is not a list")]
    [InlineData("""{"tables": [], "tables": []}""", "\"tables\" appears twice")]
    public void What_is_not_a_base_is_refused_with_the_reason(string json, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var size in new[] { 1, 3, bytes.Length })
        {
            var error = Assert.Throws<ContentFormatException>(() => Parse(bytes, size));
            Assert.Contains(reason, error.Message);
        }
    }

    [Theory]
    [InlineData("""{"tables": [}""")]
    [InlineData("""{"tables": [], "x": tru}""")]
    [InlineData("""{"a" 1}""")]
    [InlineData("""{"tables": [{"_id": "a", "rows": [{"_id": "r"}""")]
    [InlineData("""{"tables": []}  {}""")]
    [InlineData("\uFEFF\uFEFF{}")]
    public void Broken_json_is_a_json_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.ThrowsAny<JsonException>(() => Parse(bytes, 2));
    }

    [Fact]
    public void A_single_value_over_the_limit_is_refused_before_it_is_complete()
    {
        var handler = new Recorder();
        var parser = new ContentJsonParser(handler, maxPieceBytes: 1000);
        parser.Feed(Encoding.UTF8.GetBytes("{\"tables\": [{\"rows\": [{\"_id\": \"r\", \"big\": \""));
        var block = Encoding.UTF8.GetBytes(new string('x', 600));
        parser.Feed(block);
        Assert.Throws<ContentFormatException>(() => parser.Feed(block));
    }

    [Fact]
    public void Nesting_deeper_than_256_is_refused()
    {
        var deep = "{\"tables\": [], \"x\": " + new string('[', 300) + new string(']', 300) + "}";
        Assert.ThrowsAny<JsonException>(() => Parse(Encoding.UTF8.GetBytes(deep), 64));
    }

    private static List<string> Parse(byte[] bytes, int blockSize)
    {
        var handler = new Recorder();
        var parser = new ContentJsonParser(handler);
        foreach (var block in bytes.Chunk(blockSize))
        {
            parser.Feed(block);
        }

        parser.Complete();
        return handler.Events;
    }

    private sealed class Recorder : IContentJsonHandler
    {
        public List<string> Events { get; } = [];

        public void Member(string name, JsonElement value) => Events.Add($"member {name} {value.GetRawText()}");

        public void TablesStart() => Events.Add("tables[");

        public void TablesEnd() => Events.Add("]tables");

        public void TableStart(int index) => Events.Add($"table {index}");

        public void TableMember(string name, JsonElement value) => Events.Add($"table-member {name} {value.GetRawText()}");

        public void RowsStart() => Events.Add("rows[");

        public void RowsEnd() => Events.Add("]rows");

        public void Row(JsonElement row) => Events.Add($"row {row.GetRawText()}");

        public void TableEnd() => Events.Add("end-table");
    }
}
