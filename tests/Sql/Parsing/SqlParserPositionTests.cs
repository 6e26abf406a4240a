using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Tests.Sql.Parsing;

/// <summary>
/// Where nodes are (1-based character offset of a node's first token: a binary node is where its left operand
/// starts, a parenthesised expression where its content starts) and the select items' source texts.
/// </summary>
public sealed class SqlParserPositionTests
{
    private static SqlStatement Parse(string sql) => SqlParser.Parse(sql, new SqlParserLimits());

    [Theory]
    [InlineData("SELECT * FROM t WHERE a = 1", "(= [a]@23 1@27)@23")]
    [InlineData("SELECT * FROM t WHERE NOT a", "(NOT [a]@27)@23")]
    [InlineData("SELECT * FROM t WHERE -a > b.c", "(> (- [a]@24)@23 [b].[c]@28)@23")]
    [InlineData("SELECT * FROM t WHERE (a + 1) * 2 = ?", "(= (* (+ [a]@24 1@28)@24 2@33)@24 ?0@37)@24")]
    [InlineData("SELECT * FROM t WHERE f(x, 'y') LIKE '%'", "(LIKE (call f [x]@25 'y'@28)@23 '%'@38)@23")]
    [InlineData("SELECT * FROM t WHERE a NOT IN (1, 2)", "(NOT IN [a]@23 1@33 2@36)@23")]
    [InlineData("SELECT * FROM t WHERE a BETWEEN 1 AND 2", "(BETWEEN [a]@23 1@33 2@39)@23")]
    [InlineData("SELECT * FROM t WHERE a IS NOT NULL", "(IS NOT NULL [a]@23)@23")]
    [InlineData("SELECT * FROM t WHERE a HAS ANY OF ('x')", "(HAS ANY OF [a]@23 'x'@37)@23")]
    [InlineData("SELECT * FROM t WHERE COUNT(*) > 1", "(> (call COUNT *@29)@23 1@34)@23")]
    [InlineData("SELECT * FROM 表 WHERE 名称 = '值'", "(= [名称]@23 '值'@28)@23")]
    [InlineData("SELECT * FROM t\nWHERE a = 1", "(= [a]@23 1@27)@23")]
    public void Where_positions(string sql, string expected) =>
        Assert.Equal(expected, SqlTreePrinter.Print(((SelectStatement)Parse(sql)).Where!, at: true));

    [Theory]
    [InlineData("SELECT * FROM t", "*")]
    [InlineData("SELECT COUNT(*) FROM t", "COUNT(*)")]
    [InlineData("SELECT `Price` * 2 FROM t", "`Price` * 2")]
    [InlineData("SELECT   name  ,  age   FROM t", "name|age")]
    [InlineData("SELECT a AS x, b y, c FROM t", "a|b|c")]
    [InlineData("SELECT t.*, `My T`.* FROM t", "t.*|`My T`.*")]
    [InlineData("SELECT round( a ,2 ) AS r FROM t", "round( a ,2 )")]
    [InlineData("SELECT\n  a + 1,\n  b\nFROM t", "a + 1|b")]
    [InlineData("SELECT 'x, y', \"z\" FROM t", "'x, y'|\"z\"")]
    [InlineData("SELECT DISTINCT a FROM t", "a")]
    public void Select_item_texts(string sql, string expected) =>
        Assert.Equal(expected, string.Join("|", ((SelectStatement)Parse(sql)).Items.Select(i => i.Text)));

    [Fact]
    public void Aliases_tables_and_assignments_carry_names_without_backticks_and_their_positions()
    {
        var select = (SelectStatement)Parse("SELECT a AS `x y`, b FROM `T 1` AS `t`, u v");
        Assert.Equal(["x y", null], select.Items.Select(i => i.Alias));
        Assert.Equal(
            [("T 1", "t", 27), ("u", "v", 41)],
            select.From.Select(t => (t.Name, t.Alias, t.Position)));

        var update = (UpdateStatement)Parse("UPDATE t SET `a b` = 1, c = 2");
        Assert.Equal([("a b", 14), ("c", 25)], update.Assignments.Select(a => (a.Column, a.Position)));
        Assert.Equal(8, update.Table.Position);

        Assert.Equal(13, ((DeleteStatement)Parse("DELETE FROM t")).Table.Position);
        Assert.Equal(13, ((InsertStatement)Parse("INSERT INTO t VALUES (1)")).Table.Position);
    }

    [Fact]
    public void Placeholders_are_numbered_in_order_of_appearance_everywhere()
    {
        var select = (SelectStatement)Parse(
            "SELECT f(?), ? + ? FROM t WHERE a IN (?, ?) AND b BETWEEN ? AND ? AND c HAS ANY OF ? GROUP BY ? HAVING ? ORDER BY ?");
        Assert.Equal(
            "SELECT (call f ?0), (+ ?1 ?2) FROM [t] WHERE (AND (AND (IN [a] ?3 ?4) (BETWEEN [b] ?5 ?6)) (HAS ANY OF [c] ?7)) GROUP BY ?8 HAVING ?9 ORDER BY ?10",
            SqlTreePrinter.Print(select));
    }
}
