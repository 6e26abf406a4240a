using System.Text.Json;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Sql.Engine;

namespace SeaTable.Tests.Sql.Engine;

/// <summary>UPDATE, DELETE and INSERT; what the engine answers besides rows; and everything it refuses, with which error.</summary>
public sealed class WriteAndErrorTests : SqlTestBase
{
    [Theory]
    [InlineData("UPDATE Contacts SET Age = 31 WHERE Name = 'Alice'", 1, "SELECT Name, Age FROM Contacts WHERE Age = 31", "Alice|31")]
    [InlineData("update contacts set age = 1", 6, "SELECT COUNT(*) FROM Contacts WHERE Age = 1", "6")]
    [InlineData("UPDATE Contacts SET City = 'Paris', Active = true WHERE Name = 'Eve'", 1, "SELECT City, Active FROM Contacts WHERE Name = 'Eve'", "Paris|true")]
    [InlineData("UPDATE Contacts SET City = 'Rome' WHERE Name = 'Eve'", 1, "SELECT Name FROM Contacts WHERE City = 'Rome'", "Eve")]
    [InlineData("UPDATE Contacts SET Notes = 'x', `Home town` = NULL WHERE Age > 30", 2, "SELECT Name, Notes, `Home town` FROM Contacts WHERE Notes = 'x'", "Carol|x|null; frank|x|null")]
    [InlineData("UPDATE Contacts SET `Home town` = '' WHERE Name = 'Bob'", 1, "SELECT `Home town` FROM Contacts WHERE Name = 'Bob'", "null")]
    [InlineData("UPDATE Contacts SET Born = '2000-01-02' WHERE _id = 'r4'", 1, "SELECT Born FROM Contacts WHERE Name = 'Dave'", "2000-01-02T00:00:00+00:00")]
    [InlineData("UPDATE Contacts SET Age = Age + 1 WHERE Age IS NOT NULL", 5, "SELECT SUM(Age) FROM Contacts", "163")]
    [InlineData("UPDATE Contacts SET Age = 5 WHERE Age > 1000", 0, "SELECT COUNT(*) FROM Contacts WHERE Age = 5", "0")]
    [InlineData("UPDATE Contacts SET Tags = ('old', 'vip') WHERE Name = 'Bob'", 1, "SELECT Tags FROM Contacts WHERE Name = 'Bob'", "[old,vip]")]
    [InlineData("UPDATE Contacts SET Tags = 'new' WHERE Name = 'Carol'", 1, "SELECT Tags FROM Contacts WHERE Name = 'Carol'", "[new]")]
    [InlineData("UPDATE Contacts SET Owner = ('x@auth.local') WHERE Name = 'Bob'", 1, "SELECT Owner FROM Contacts WHERE Name = 'Bob'", "[x@auth.local]")]
    [InlineData("UPDATE Contacts SET Age = (40) WHERE Name = 'Bob'", 1, "SELECT Age FROM Contacts WHERE Name = 'Bob'", "40")]
    [InlineData("DELETE FROM Contacts WHERE Age < 30", 2, "SELECT Name FROM Contacts", "Alice; Carol; Dave; frank")]
    [InlineData("DELETE FROM Orders", 4, "SELECT COUNT(*) FROM Orders", "0")]
    [InlineData("DELETE FROM Contacts WHERE Name = 'Alice'", 1, "SELECT Title, Buyer FROM Orders WHERE Title = 'Book'", "Book|null")]
    public void Writes_change_the_rows_they_match(string write, int count, string check, string expected)
    {
        var content = Load();
        var (answer, outcome) = Run(content, write);
        Assert.Equal(count, outcome.Count);
        Assert.Equal(count == 0 ? 0 : 1, outcome.Operations!.Count(o => o is not SeaTable.Grains.Content.Operations.AddColumnOptionsOp));
        Assert.Null(answer is null ? null : "the SELECT answer is not written for a write");
        Assert.Equal(expected, Rows(content, check));
    }

    [Fact]
    public void An_update_names_the_modifier_and_time_and_a_new_option_is_created_before_the_rows()
    {
        var content = Load();
        var (_, outcome) = Run(content, "UPDATE Contacts SET City = 'Rome' WHERE Name = 'Eve'");
        Assert.Collection(outcome.Operations!,
            o => Assert.IsType<SeaTable.Grains.Content.Operations.AddColumnOptionsOp>(o),
            o => Assert.Equal("app@auth.local", Assert.IsType<SeaTable.Grains.Content.Operations.ModifyRowsOp>(o).Modifier));
        var eve = content.TableByName("Contacts")!.Rows.Find("r5")!;
        Assert.Equal("app@auth.local", eve.LastModifier);
    }

    [Fact]
    public void The_answer_has_seatable_s_shape_keys_by_column_key_without_convert_keys_and_metadata_for_every_result_key()
    {
        var (answer, _) = Run(Load(), "SELECT Name, City, Tags, Born, COUNT(*) AS n FROM Contacts WHERE Name = 'Alice' GROUP BY Name, City, Tags, Born", convertKeys: false);
        var root = answer!.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        Assert.False(root.GetProperty("is_join_stmt").GetBoolean());
        var row = root.GetProperty("results")[0];
        Assert.Equal("Alice", row.GetProperty("0000").GetString());
        Assert.Equal("o1", row.GetProperty("city").GetString());
        Assert.Equal(["g1", "g2"], row.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1994-05-01T00:00:00+00:00", row.GetProperty("born").GetString());
        Assert.Equal(1, row.GetProperty("n").GetInt32());
        var metadata = root.GetProperty("metadata").EnumerateArray().ToList();
        Assert.Equal(["0000", "city", "tags", "born", "n"], metadata.Select(m => m.GetProperty("key").GetString()));
        Assert.Equal(["Name", "City", "Tags", "Born", "n"], metadata.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["text", "single-select", "multiple-select", "date", "number"], metadata.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal("Berlin", metadata[1].GetProperty("data").GetProperty("options")[0].GetProperty("name").GetString());
        Assert.Equal(row.EnumerateObject().Select(p => p.Name), metadata.Select(m => m.GetProperty("key").GetString()));
    }

    [Fact]
    public void Select_star_answers_every_column_and_the_system_fields_with_null_for_empty_cells()
    {
        var (answer, _) = Run(Load(), "SELECT * FROM Contacts WHERE Name = 'Dave'");
        var row = answer!.RootElement.GetProperty("results")[0];
        Assert.Equal(
            ["Name", "Age", "City", "Tags", "Born", "Active", "Owner", "Notes", "Home town", "year", "Orders", "_id", "_ctime", "_mtime", "_creator", "_last_modifier"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("Age").ValueKind);
        Assert.Equal("Amsterdam", row.GetProperty("City").GetString());
        Assert.Equal("r4", row.GetProperty("_id").GetString());
        Assert.Equal(16, answer.RootElement.GetProperty("metadata").GetArrayLength());
    }

    [Fact]
    public void Long_text_is_its_text_and_links_are_row_ids_with_display_values()
    {
        var (answer, _) = Run(Load(), "SELECT Notes, Orders FROM Contacts WHERE Name IN ('Carol', 'Alice')", convertKeys: false);
        var rows = answer!.RootElement.GetProperty("results");
        Assert.Equal("Hello", rows[0].GetProperty("note").GetString());
        Assert.Equal("Long", rows[1].GetProperty("note").GetString());
        var links = rows[0].GetProperty("ords");
        Assert.Equal("o1", links[0].GetProperty("row_id").GetString());
        Assert.Equal("Book", links[0].GetProperty("display_value").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("ords").ValueKind);
    }

    [Fact]
    public void A_join_is_marked_and_keyed_by_the_metadata_ids()
    {
        var (answer, _) = Run(Load(), "SELECT c.Name, o.Title FROM Contacts c, Orders o WHERE c.Name = o.Customer LIMIT 1");
        var root = answer!.RootElement;
        Assert.True(root.GetProperty("is_join_stmt").GetBoolean());
        var metadata = root.GetProperty("metadata").EnumerateArray().ToList();
        Assert.Equal(["t1.0000", "t2.0000"], metadata.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["Contacts", "Orders"], metadata.Select(m => m.GetProperty("table_name").GetString()));
        Assert.Equal(["t1.0000", "t2.0000"], root.GetProperty("results")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Without_limit_a_select_answers_100_rows_and_never_more_than_10000()
    {
        var content = Load();
        var table = content.TableByName("Orders")!;
        for (var i = 0; i < 10_050; i++)
        {
            table.Rows.Add(new SeaTable.Grains.Content.Model.ContentRow($"x{i}") { Cells = System.Text.Encoding.UTF8.GetBytes($"{{\"amt0\": {i}}}") });
        }

        Assert.Equal(100, Run(content, "SELECT Amount FROM Orders").Answer!.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(10_000, Run(content, "SELECT Amount FROM Orders LIMIT 20000").Answer!.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(54, Run(content, "SELECT Amount FROM Orders LIMIT 10000 OFFSET 10000").Answer!.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal("10054", Rows(content, "SELECT COUNT(*) FROM Orders WHERE Amount >= 0"));
    }

    [Theory]
    [InlineData("SELECT Nope FROM Contacts", SqlError.Invalid, "no such column: Nope")]
    [InlineData("SELECT * FROM Nope", SqlError.Invalid, "no such table: Nope")]
    [InlineData("SELECT x.Name FROM Contacts", SqlError.Invalid, "no such table: x")]
    [InlineData("SELECT Name FROM Contacts WHERE Age / 0 > 1", SqlError.Invalid, "Division by zero.")]
    [InlineData("SELECT Name + 1 FROM Contacts", SqlError.Invalid, "Arithmetic (+) takes numbers")]
    [InlineData("SELECT nosuchfunction(Name) FROM Contacts", SqlError.Invalid, "Unknown function nosuchfunction.")]
    [InlineData("SELECT Name FROM Contacts WHERE COUNT(*) > 1", SqlError.Invalid, "not allowed here")]
    [InlineData("SELECT SUM(COUNT(*)) FROM Contacts", SqlError.Invalid, "not allowed here")]
    [InlineData("SELECT SUM(*) FROM Contacts", SqlError.Invalid, "only COUNT(*)")]
    [InlineData("SELECT * FROM Contacts GROUP BY City", SqlError.Invalid, "SELECT * cannot be grouped")]
    [InlineData("SELECT Name FROM Contacts, Orders", SqlError.Invalid, "has no join condition")]
    [InlineData("SELECT `0000` FROM Contacts, Orders WHERE Contacts.Name = Orders.Customer", SqlError.Invalid, "is ambiguous")]
    [InlineData("SELECT Name FROM Contacts c, Contacts d WHERE c.Name = d.Name", SqlError.Invalid, "appears twice")]
    [InlineData("SELECT Name AS n FROM Contacts WHERE n = 'Bob'", SqlError.Invalid, "no such column: n")]
    [InlineData("SELECT Name FROM Contacts WHERE Age = ?", SqlError.Invalid, "placeholders")]
    [InlineData("UPDATE Contacts SET _id = 'x'", SqlError.Invalid, "read-only")]
    [InlineData("UPDATE Contacts SET Orders = 'x'", SqlError.Invalid, "link columns are read-only")]
    [InlineData("UPDATE Contacts SET Nope = 1", SqlError.Invalid, "no such column: Nope")]
    [InlineData("UPDATE Contacts SET Age = 'many'", SqlError.Invalid, "Column Age")]
    [InlineData("UPDATE Contacts SET Age = 1, Age = 2", SqlError.Invalid, "set twice")]
    [InlineData("DELETE FROM Nope", SqlError.Invalid, "no such table: Nope")]
    [InlineData("INSERT INTO Contacts (Name) VALUES ('x')", SqlError.NotSupported, "requires big data storage")]
    public void Refused_statements_say_why_and_change_nothing(string sql, SqlError error, string message)
    {
        var content = Load();
        var before = Rows(content, "SELECT * FROM Contacts") + Rows(content, "SELECT * FROM Orders");
        var refused = Refused(content, sql);
        Assert.Equal(error, refused.Error);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, Rows(content, "SELECT * FROM Contacts") + Rows(content, "SELECT * FROM Orders"));
    }

    [Theory]
    [InlineData("UPDATE Contacts SET Age = 1")]
    [InlineData("DELETE FROM Contacts")]
    [InlineData("INSERT INTO Contacts (Name) VALUES ('x')")]
    public void A_read_only_caller_may_not_write(string sql)
    {
        var content = Load();
        Assert.Equal(SqlError.Forbidden, Refused(content, sql, canWrite: false).Error);
        Assert.Equal("6", Rows(content, "SELECT COUNT(*) FROM Contacts WHERE Age IS NOT NULL OR Age IS NULL"));
    }

    [Fact]
    public void A_read_only_caller_may_select()
    {
        var (answer, _) = Run(Load(), "SELECT COUNT(*) FROM Contacts", canWrite: false);
        Assert.Equal("6", Print(answer!.RootElement.GetProperty("results")));
    }

    [Fact]
    public void Cells_no_double_holds_read_as_null_and_odd_cells_do_not_fail_a_statement()
    {
        var content = Load();
        var table = content.TableByName("Contacts")!;
        table.Rows.Add(new SeaTable.Grains.Content.Model.ContentRow("odd") { Cells = System.Text.Encoding.UTF8.GetBytes(
            "{\"0000\": \"Odd\", \"age0\": 1e400, \"tags\": [1e999, \"g1\", {\"x\": 1}], \"born\": \"not a date\", \"city\": 5, \"note\": {\"other\": 1}}") });
        // Written as stored (1e400 is valid JSON); evaluated, it is NULL.
        Assert.StartsWith("Odd|", Rows(content, "SELECT Name, Age, Tags, Born, City, Notes FROM Contacts WHERE _id = 'odd'"), StringComparison.Ordinal);
        Assert.Equal("Odd|null|null", Rows(content, "SELECT Name, Age + 1, isodate(Born) FROM Contacts WHERE _id = 'odd'"));
        Assert.Equal("Odd", Rows(content, "SELECT Name FROM Contacts WHERE Age IS NULL AND Name = 'Odd' ORDER BY Born, City, Tags"));
    }

    [Fact]
    public void A_locked_row_refuses_the_whole_update()
    {
        var content = Load();
        var bob = content.TableByName("Contacts")!.Rows.Find("r2")!;
        bob.Cells = System.Text.Encoding.UTF8.GetBytes("{\"0000\": \"Bob\", \"age0\": 25, \"_locked\": true}");
        Assert.Contains("locked", Refused(content, "UPDATE Contacts SET Age = 99").Message, StringComparison.Ordinal);
        Assert.Contains("locked", Refused(content, "DELETE FROM Contacts WHERE Age < 30").Message, StringComparison.Ordinal);
        Assert.Equal("0", Rows(content, "SELECT COUNT(*) FROM Contacts WHERE Age = 99"));
    }

    [Fact]
    public void A_statement_over_its_time_is_stopped_with_a_limit_error()
    {
        var content = Load();
        var table = content.TableByName("Orders")!;
        for (var i = 0; i < 50_000; i++)
        {
            table.Rows.Add(new SeaTable.Grains.Content.Model.ContentRow($"x{i}") { Cells = System.Text.Encoding.UTF8.GetBytes($"{{\"amt0\": {i}}}") });
        }

        var refused = Refused(content, "SELECT COUNT(*) FROM Orders WHERE Amount > 1", limits: Limits with { Timeout = TimeSpan.Zero });
        Assert.Equal(SqlError.LimitExceeded, refused.Error);
        Assert.Contains("longer than", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_join_over_its_size_is_refused()
    {
        var content = Load();
        foreach (var name in (string[])["Contacts", "Orders"])
        {
            var table = content.TableByName(name)!;
            for (var i = 0; i < 2_000; i++)
            {
                table.Rows.Add(new SeaTable.Grains.Content.Model.ContentRow($"{name}{i}") { Cells = System.Text.Encoding.UTF8.GetBytes("{\"yr00\": 7, \"amt0\": 7}") });
            }
        }

        var refused = Refused(content, "SELECT COUNT(*) FROM Contacts, Orders WHERE Contacts.year = Orders.Amount", limits: Limits with { MaxJoinRows = 1_000_000 });
        Assert.Equal(SqlError.LimitExceeded, refused.Error);
        Assert.Equal("1", Rows(content, "SELECT COUNT(*) FROM Contacts, Orders WHERE Contacts.Name = Orders.Customer AND Orders.Amount = 12.5"));
    }
}
