using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Tests.Sql.Parsing;

/// <summary>Statements that are not SeaTable SQL: a Syntax error naming the position, what was found and what was expected.</summary>
public sealed class SqlParserErrorTests
{
    [Theory]
    [InlineData("", "Syntax error: empty statement")]
    [InlineData(" \n\t ", "Syntax error: empty statement")]
    [InlineData(";", "Syntax error: empty statement")]
    [InlineData("SELECT * FORM t", "Syntax error at position 10: unexpected 'FORM', expected FROM")]
    [InlineData("SELEC * FROM t", "Syntax error at position 1: unexpected 'SELEC', expected SELECT, UPDATE, DELETE or INSERT")]
    [InlineData("DROP TABLE t", "Syntax error at position 1: unexpected 'DROP', expected SELECT, UPDATE, DELETE or INSERT")]
    [InlineData("SELECT FROM t", "Syntax error at position 8: unexpected 'FROM', expected expression or *")]
    [InlineData("SELECT a, FROM t", "Syntax error at position 11: unexpected 'FROM', expected expression or *")]
    [InlineData("SELECT * FROM", "Syntax error at position 14: unexpected end of statement, expected table name")]
    [InlineData("SELECT a FROM t WHERE", "Syntax error at position 22: unexpected end of statement, expected expression")]
    [InlineData("SELECT a FROM t WHERE a =", "Syntax error at position 26: unexpected end of statement, expected expression")]
    [InlineData("SELECT a FROM t WHERE (a = 1", "Syntax error at position 29: unexpected end of statement, expected )")]
    [InlineData("SELECT a FROM t WHERE a = 1)", "Syntax error at position 28: unexpected ')', expected end of statement")]
    [InlineData("SELECT 'abc FROM t", "Syntax error at position 8: unterminated text starting with '")]
    [InlineData("SELECT \"abc FROM t", "Syntax error at position 8: unterminated text starting with \"")]
    [InlineData("SELECT `abc FROM t", "Syntax error at position 8: unterminated name starting with `")]
    [InlineData("SELECT `` FROM t", "Syntax error at position 8: empty name ``")]
    [InlineData("SELECT a FROM t WHERE a # 1", "Syntax error at position 25: unexpected character '#'")]
    [InlineData("SELECT 12abc FROM t", "Syntax error at position 8: invalid number '12abc'")]
    [InlineData("SELECT 1e999 FROM t", "Syntax error at position 8: number out of range '1e999'")]
    [InlineData("SELECT a FROM t LIMIT x", "Syntax error at position 23: unexpected 'x', expected whole number")]
    [InlineData("SELECT a FROM t LIMIT 1.5", "Syntax error at position 23: unexpected '1.5', expected whole number")]
    [InlineData("SELECT a FROM t LIMIT -1", "Syntax error at position 23: unexpected '-', expected whole number")]
    [InlineData("SELECT a FROM t LIMIT 99999999999999999999", "Syntax error at position 23: unexpected '99999999999999999999', expected whole number")]
    [InlineData("SELECT a FROM t WHERE a NOT b", "Syntax error at position 29: unexpected 'b', expected LIKE, ILIKE, IN or BETWEEN")]
    [InlineData("SELECT a FROM t WHERE a IS 1", "Syntax error at position 28: unexpected '1', expected NULL, TRUE, NOT or EXACTLY")]
    [InlineData("SELECT a FROM t WHERE tags HAS ANY ('a')", "Syntax error at position 36: unexpected '(', expected OF")]
    [InlineData("SELECT a FROM t WHERE tags HAS SOME OF ('a')", "Syntax error at position 32: unexpected 'SOME', expected ANY, ALL or NONE")]
    [InlineData("SELECT a FROM t WHERE a IN ()", "Syntax error at position 29: unexpected ')', expected expression")]
    [InlineData("SELECT a FROM t WHERE a IN 1", "Syntax error at position 28: unexpected '1', expected (")]
    [InlineData("SELECT a FROM t WHERE a BETWEEN 1 OR 2", "Syntax error at position 35: unexpected 'OR', expected AND")]
    [InlineData("SELECT * FROM t ORDER a", "Syntax error at position 23: unexpected 'a', expected BY")]
    [InlineData("SELECT a FROM t GROUP BY", "Syntax error at position 25: unexpected end of statement, expected expression")]
    [InlineData("SELECT a AS FROM t", "Syntax error at position 13: unexpected 'FROM', expected alias")]
    [InlineData("SELECT COUNT(DISTINCT) FROM t", "Syntax error at position 22: unexpected ')', expected expression")]
    [InlineData("SELECT f(a, FROM t", "Syntax error at position 13: unexpected 'FROM', expected expression")]
    [InlineData("SELECT * FROM t; SELECT 1", "Syntax error at position 18: unexpected 'SELECT', expected end of statement")]
    [InlineData("SELECT a FROM t WHERE a = 'x' 'y'", "Syntax error at position 31: unexpected text 'y', expected end of statement")]
    [InlineData("UPDATE t a = 1", "Syntax error at position 12: unexpected '=', expected SET")]
    [InlineData("UPDATE t SET a", "Syntax error at position 15: unexpected end of statement, expected =")]
    [InlineData("UPDATE t SET a = 1,", "Syntax error at position 20: unexpected end of statement, expected column name")]
    [InlineData("DELETE t", "Syntax error at position 8: unexpected 't', expected FROM")]
    [InlineData("INSERT t VALUES (1)", "Syntax error at position 8: unexpected 't', expected INTO")]
    [InlineData("SELECT a\nFORM t", "Syntax error at position 15 (line 2, column 6): unexpected 't', expected FROM")]
    [InlineData("SELECT a FROM t\nWHERE a = 'x\ny' AND", "Syntax error at position 36 (line 3, column 7): unexpected end of statement, expected expression")]
    [InlineData("SELECT a FROM t WHERE a ! 1", "Syntax error at position 25: unexpected character '!'")]
    public void Refuses(string sql, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.Parse(sql, new SqlParserLimits()));
        Assert.Equal(SqlError.Syntax, error.Error);
        Assert.Equal(message, error.Message);
    }
}

