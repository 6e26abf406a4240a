using System.Text;
using System.Text.Json;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Tests.Links;

/// <summary>
/// The operations of links and locks as the log holds them: each decodes from its record to the same operation
/// and applied on activation gives the same base (the replay after a crash, when no snapshot was written).
/// </summary>
public sealed class LinkOpLogTests
{
    private const string Content = """
        {"version": 1, "format_version": 9,
         "tables": [
           {"_id": "0000", "name": "People", "columns": [{"key": "0000", "name": "Name", "type": "text"}],
            "rows": [{"_id": "p1", "0000": "Ada"}, {"_id": "p2", "0000": "Bob"}, {"_id": "p3"}]},
           {"_id": "t2", "name": "Projects", "columns": [{"key": "0000", "name": "Title", "type": "text"},
              {"key": "lnk1", "name": "People", "type": "link", "data": {"link_id": "L001", "table_id": "t2", "other_table_id": "0000"}}],
            "rows": [{"_id": "j1", "0000": "P1"}, {"_id": "j2", "0000": "P2"}]}],
         "links": [{"_id": "L001", "table1_id": "t2", "table2_id": "0000", "table1_table2_map": {"j1": ["p1"]}, "table2_table1_map": {"p1": ["j1"]}}]}
        """;

    [Fact]
    public void Link_and_lock_operations_replay_to_the_same_base()
    {
        ContentOp[] operations =
        [
            new LinkPairsOp(true, "L001", "t2", "0000", [new LinkPair("j1", "p2"), new LinkPair("j2", "p3")]),
            new LinkPairsOp(false, "L001", "t2", "0000", [new LinkPair("j1", "p1")]),
            new UpdateLinksOp("L001", "0000", "t2", [new LinkRows("p3", ["j1"]), new LinkRows("p1", [])]),
            new UpdateLinksOp("L001", "t2", "0000", [new LinkRows("j2", ["p1", "p2"])]),
            new LockRowsOp("0000", true, "app", ["p1", "p2"]),
            new LockRowsOp("0000", false, "app", ["p2"]),
        ];

        var applied = Load();
        foreach (var operation in operations)
        {
            operation.Apply(applied);
        }

        var (_, record) = ContentOpLog.Encode(operations);
        var replayed = Load();
        var decoded = ContentOpLog.Decode(record, new ContentJsonReader(new StringPool()));
        Assert.Equal(operations.Length, decoded.Count);
        foreach (var operation in decoded)
        {
            operation.Apply(replayed);
        }

        Assert.Equal(Text(applied), Text(replayed));
        var link = applied.LinkById("L001")!;
        Assert.Equal(["p2", "p3"], link.Linked("t2", "j1"));
        Assert.Equal(["p1", "p2"], link.Linked("t2", "j2"));
        Assert.Equal(["j1"], link.Linked("0000", "p3"));
        Assert.Equal(["j2"], link.Linked("0000", "p1"));
        var people = applied.TableByName("People")!;
        Assert.True(RowLocks.IsLocked(people.Rows.Find("p1")!));
        Assert.False(RowLocks.IsLocked(people.Rows.Find("p2")!));
        Assert.Contains("\"_locked_by\":\"app\"", Encoding.UTF8.GetString(people.Rows.Find("p1")!.Cells), StringComparison.Ordinal);
    }

    private static BaseContent Load()
    {
        using var document = JsonDocument.Parse(Content);
        return new ContentJsonReader(new StringPool()).Read(document.RootElement);
    }

    private static string Text(BaseContent content)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ContentJsonWriter.WriteContent(writer, content);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
