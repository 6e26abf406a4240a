using System.Diagnostics;
using System.Text;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Tests.Sql.Parsing;

/// <summary>
/// The parser's bounds with the real sizes: a statement over the length bound, and nesting far over the depth
/// bound (parentheses, NOT runs, minus runs, 1 MB operator chains), answer LimitExceeded quickly and never
/// exhaust the stack, even on a thread with a small one.
/// </summary>
public sealed class SqlParserLimitTests
{
    private const int OneMegabyte = 1 << 20;

    /// <summary>Long enough for the 1 MB statements, so that the depth bound is what refuses them.</summary>
    private static readonly SqlParserLimits Roomy = new(MaxLength: 4 * OneMegabyte);

    private static SqlException Refused(string sql, SqlParserLimits limits, SqlError error = SqlError.LimitExceeded)
    {
        var watch = Stopwatch.StartNew();
        var refused = Assert.Throws<SqlException>(() => SqlParser.Parse(sql, limits));
        Assert.Equal(error, refused.Error);
        Assert.True(watch.ElapsedMilliseconds < 2_000, $"took {watch.ElapsedMilliseconds} ms");
        return refused;
    }

    private static string Repeat(string piece, int times) => new StringBuilder(piece.Length * times).Insert(0, piece, times).ToString();

    private static string Parens(int depth) => $"SELECT * FROM t WHERE {Repeat("(", depth)}a{Repeat(")", depth)}";

    private static string Chain(string op, int bytes)
    {
        var text = new StringBuilder("SELECT 1");
        while (text.Length < bytes)
        {
            text.Append(op).Append('1');
        }

        return text.Append(" FROM t").ToString();
    }

    [Fact]
    public void A_statement_over_the_length_bound_is_refused_before_tokenizing()
    {
        var sql = "SELECT * FROM t WHERE a = '" + new string('x', 100_000) + "'";
        var refused = Refused(sql, new SqlParserLimits());
        Assert.Contains("100000", refused.Message);
        Assert.Contains("too long", refused.Message);

        Refused("SELECT * FROM abcdefgh", new SqlParserLimits(MaxLength: 20));
        Assert.IsType<SelectStatement>(SqlParser.Parse("SELECT * FROM abcdef", new SqlParserLimits(MaxLength: 20)));
    }

    [Fact]
    public void A_one_megabyte_chain_is_refused_by_the_length_bound_by_default()
    {
        Assert.Contains("too long", Refused(Chain("+", OneMegabyte), new SqlParserLimits()).Message);
        Assert.Contains("too long", Refused(Parens(OneMegabyte / 2), new SqlParserLimits()).Message);
    }

    [Theory]
    [InlineData("+")]
    [InlineData(" - ")]
    [InlineData("*")]
    [InlineData(" / ")]
    [InlineData(" = ")]
    [InlineData(" AND ")]
    [InlineData(" OR ")]
    [InlineData(" LIKE ")]
    public void A_one_megabyte_chain_is_refused_by_the_depth_bound_as_it_is_built(string op)
    {
        var refused = Refused(Chain(op, OneMegabyte), Roomy);
        Assert.Contains("nested too deeply", refused.Message);
        Assert.Contains("limit is a depth of 100", refused.Message);
    }

    [Fact]
    public void Ten_thousand_nested_parentheses_are_refused()
    {
        var refused = Refused(Parens(10_000), Roomy);
        Assert.Equal("Expression nested too deeply at position 123: the limit is a depth of 100", refused.Message);
        Refused($"SELECT {Repeat("f(", 10_000)}1{Repeat(")", 10_000)} FROM t", Roomy);
        Refused($"SELECT * FROM t WHERE a IN {Repeat("(", 10_000)}1{Repeat(")", 10_000)}", Roomy);
        Refused(Parens(OneMegabyte), Roomy);
    }

    [Fact]
    public void Ten_thousand_prefix_operators_are_refused()
    {
        Refused("SELECT * FROM t WHERE " + Repeat("NOT ", 10_000) + "a", Roomy);
        Refused("SELECT " + Repeat("- ", 10_000) + "1 FROM t", Roomy);
        Refused("SELECT " + Repeat("-", 10_000) + "1 FROM t", Roomy);
        Refused("SELECT 1 " + Repeat("- ", 10_000) + "1 FROM t", Roomy);
        Refused("SELECT * FROM t WHERE " + Repeat("NOT -", 5_000) + "a", Roomy);
        Refused("SELECT * FROM t WHERE " + Repeat("NOT (", 10_000) + "a" + Repeat(")", 10_000), Roomy);
        Refused("SELECT * FROM t WHERE " + Repeat("NOT ", OneMegabyte / 4) + "a", Roomy);
    }

    [Fact]
    public void Nesting_up_to_the_bound_parses_and_one_more_is_refused()
    {
        Assert.IsType<SelectStatement>(SqlParser.Parse(Parens(100), new SqlParserLimits()));
        Refused(Parens(101), new SqlParserLimits());

        // 1+1+...: n terms make a node of depth n.
        var select = (SelectStatement)SqlParser.Parse("SELECT 1" + Repeat("+1", 99) + " FROM t", new SqlParserLimits());
        Assert.Equal(100, select.Items[0].Expr.Depth);
        Refused("SELECT 1" + Repeat("+1", 100) + " FROM t", new SqlParserLimits());

        var nots = (SelectStatement)SqlParser.Parse("SELECT * FROM t WHERE " + Repeat("NOT ", 99) + "a", new SqlParserLimits());
        Assert.Equal(100, nots.Where!.Depth);
        Refused("SELECT * FROM t WHERE " + Repeat("NOT ", 100) + "a", new SqlParserLimits());

        var small = new SqlParserLimits(MaxDepth: 5);
        Assert.IsType<SelectStatement>(SqlParser.Parse("SELECT 1+1+1+1+1 FROM t", small));
        Assert.Contains("depth of 5", Refused("SELECT 1+1+1+1+1+1 FROM t", small).Message);
        Refused("SELECT f(g(h(i(j(k(1)))))) FROM t", small);
    }

    [Fact]
    public void Refusing_ten_thousand_parentheses_needs_no_deep_stack()
    {
        SqlException? refused = null;
        Exception? other = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    SqlParser.Parse(Parens(10_000), Roomy);
                }
                catch (SqlException e)
                {
                    refused = e;
                }
                catch (Exception e)
                {
                    other = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(other);
        Assert.Equal(SqlError.LimitExceeded, refused?.Error);
    }

    private static (SqlStatement? Parsed, Exception? Failed) OnThread(string sql, int stackSize)
    {
        SqlStatement? parsed = null;
        Exception? failed = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    parsed = SqlParser.Parse(sql, new SqlParserLimits());
                }
                catch (Exception e)
                {
                    failed = e;
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        return (parsed, failed);
    }

    /// <summary>Parentheses and calls are the grammar's only recursion: the bound's worst case, 100 levels.</summary>
    private static readonly string Deepest = $"SELECT {Repeat("f(", 50)}{Repeat("(", 50)}NOT - a = 1 + b{Repeat(")", 100)} FROM t";

    [Fact]
    public void The_deepest_accepted_statement_parses_on_a_thread_pool_sized_stack()
    {
        var (parsed, failed) = OnThread(Deepest, 1536 * 1024);
        Assert.Null(failed);
        Assert.IsType<SelectStatement>(parsed);
    }

    [Fact]
    public void A_stack_too_small_for_the_nesting_answers_limit_exceeded_instead_of_overflowing()
    {
        var (parsed, failed) = OnThread(Deepest, 256 * 1024);
        Assert.Null(parsed);
        var refused = Assert.IsType<SqlException>(failed);
        Assert.Equal(SqlError.LimitExceeded, refused.Error);
        Assert.Contains("stack", refused.Message);
    }
}
