using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Tests.Sql.Parsing;

/// <summary>SQL in, the printed tree (<see cref="SqlTreePrinter"/>) out: every construct of SeaTable's dialect.</summary>
public sealed class SqlParserTests
{
    private static readonly SqlParserLimits Limits = new();

    internal static string Parse(string sql) => SqlTreePrinter.Print(SqlParser.Parse(sql, Limits));

    [Theory]
    // Select lists
    [InlineData("SELECT * FROM t", "SELECT * FROM [t]")]
    [InlineData("select * from t", "SELECT * FROM [t]")]
    [InlineData("SeLeCt * FrOm t", "SELECT * FROM [t]")]
    [InlineData("SELECT a FROM t", "SELECT [a] FROM [t]")]
    [InlineData("SELECT a, b, c FROM t", "SELECT [a], [b], [c] FROM [t]")]
    [InlineData("SELECT t.* FROM t", "SELECT [t].* FROM [t]")]
    [InlineData("SELECT `My Table`.* FROM `My Table`", "SELECT [My Table].* FROM [My Table]")]
    [InlineData("SELECT *, a FROM t", "SELECT *, [a] FROM [t]")]
    [InlineData("SELECT DISTINCT city FROM Contacts", "SELECT DISTINCT [city] FROM [Contacts]")]
    [InlineData("select distinct a, b from t", "SELECT DISTINCT [a], [b] FROM [t]")]
    // Aliases, with and without AS
    [InlineData("SELECT a AS x FROM t", "SELECT [a] AS [x] FROM [t]")]
    [InlineData("SELECT a x FROM t", "SELECT [a] AS [x] FROM [t]")]
    [InlineData("SELECT a as `the x` FROM t", "SELECT [a] AS [the x] FROM [t]")]
    [InlineData("SELECT a `the x` FROM t", "SELECT [a] AS [the x] FROM [t]")]
    [InlineData("SELECT COUNT(*) AS n, a FROM t", "SELECT (call COUNT *) AS [n], [a] FROM [t]")]
    [InlineData("SELECT a FROM Invoices AS i", "SELECT [a] FROM [Invoices] AS [i]")]
    [InlineData("SELECT a FROM Invoices i", "SELECT [a] FROM [Invoices] AS [i]")]
    [InlineData("SELECT i.a FROM Invoices i WHERE i.a > 1", "SELECT [i].[a] FROM [Invoices] AS [i] WHERE (> [i].[a] 1)")]
    [InlineData("SELECT a FROM t1, t2", "SELECT [a] FROM [t1], [t2]")]
    [InlineData("SELECT a FROM t1 x, t2 AS y WHERE x.id = y.id", "SELECT [a] FROM [t1] AS [x], [t2] AS [y] WHERE (= [x].[id] [y].[id])")]
    [InlineData("SELECT table.amount AS a, COUNT(*) FROM Invoices AS i GROUP BY a HAVING a > 100",
        "SELECT [table].[amount] AS [a], (call COUNT *) FROM [Invoices] AS [i] GROUP BY [a] HAVING (> [a] 100)")]
    [InlineData("SELECT a AS none, b AS `select` FROM t", "SELECT [a] AS [none], [b] AS [select] FROM [t]")]
    // Identifiers: Unicode, underscores, digits, backticks
    [InlineData("SELECT 名称, Größe FROM 表格", "SELECT [名称], [Größe] FROM [表格]")]
    [InlineData("SELECT _x1, a_2_b FROM t_3", "SELECT [_x1], [a_2_b] FROM [t_3]")]
    [InlineData("SELECT `Name with spaces` FROM `Table 1`", "SELECT [Name with spaces] FROM [Table 1]")]
    [InlineData("SELECT `a``b` FROM t", "SELECT [a`b] FROM [t]")]
    [InlineData("SELECT `select`, `from`, `count` FROM `where`", "SELECT [select], [from], [count] FROM [where]")]
    [InlineData("SELECT `date` FROM t", "SELECT [date] FROM [t]")]
    [InlineData("SELECT `t`.`name`, t.`x y` FROM t", "SELECT [t].[name], [t].[x y] FROM [t]")]
    [InlineData("SELECT `1st` FROM t", "SELECT [1st] FROM [t]")]
    [InlineData("SELECT Has, any, ALL, None, of, Exactly FROM t", "SELECT [Has], [any], [ALL], [None], [of], [Exactly] FROM [t]")]
    [InlineData("SELECT नाम FROM t", "SELECT [नाम] FROM [t]")]
    // Literals
    [InlineData("SELECT 123, 1.5, .5, 1e3, 2.5E-3, 1. FROM t", "SELECT 123, 1.5, 0.5, 1000, 0.0025, 1 FROM [t]")]
    [InlineData("SELECT 'abc', \"def\" FROM t", "SELECT 'abc', 'def' FROM [t]")]
    [InlineData("SELECT 'it''s', \"say \"\"hi\"\"\" FROM t", "SELECT 'it\\'s', 'say \"hi\"' FROM [t]")]
    [InlineData(@"SELECT 'a\'b', ""c\""d"", 'e\\f' FROM t", @"SELECT 'a\'b', 'c""d', 'e\\f' FROM [t]")]
    [InlineData(@"SELECT 'a\nb\tc', 'x\qy' FROM t", @"SELECT 'a\nb\tc', 'xqy' FROM [t]")]
    [InlineData(@"SELECT * FROM t WHERE a LIKE '50\%'", @"SELECT * FROM [t] WHERE (LIKE [a] '50\\%')")]
    [InlineData("SELECT '', \"\" FROM t", "SELECT '', '' FROM [t]")]
    [InlineData("SELECT 'Straße 表' FROM t", "SELECT 'Straße 表' FROM [t]")]
    [InlineData("SELECT TRUE, false, NULL, null FROM t", "SELECT TRUE, FALSE, NULL, NULL FROM [t]")]
    [InlineData("SELECT * FROM t WHERE flag = true", "SELECT * FROM [t] WHERE (= [flag] TRUE)")]
    // Placeholders
    [InlineData("SELECT * FROM t WHERE a = ?", "SELECT * FROM [t] WHERE (= [a] ?0)")]
    [InlineData("SELECT ? FROM t WHERE a = ? AND b IN (?, ?) LIMIT 5", "SELECT ?0 FROM [t] WHERE (AND (= [a] ?1) (IN [b] ?2 ?3)) LIMIT 5")]
    [InlineData("UPDATE t SET a = ?, b = ? WHERE c = ?", "UPDATE [t] SET [a] = ?0, [b] = ?1 WHERE (= [c] ?2)")]
    [InlineData("SELECT a FROM t GROUP BY a HAVING COUNT(*) > ? ORDER BY f(?)", "SELECT [a] FROM [t] GROUP BY [a] HAVING (> (call COUNT *) ?0) ORDER BY (call f ?1)")]
    [InlineData("DELETE FROM t WHERE a BETWEEN ? AND ?", "DELETE FROM [t] WHERE (BETWEEN [a] ?0 ?1)")]
    // Comparisons
    [InlineData("SELECT * FROM t WHERE a = 1", "SELECT * FROM [t] WHERE (= [a] 1)")]
    [InlineData("SELECT * FROM t WHERE a != 1 OR a <> 2", "SELECT * FROM [t] WHERE (OR (!= [a] 1) (!= [a] 2))")]
    [InlineData("SELECT * FROM t WHERE a < 1 AND b > 2 AND c <= 3 AND d >= 4",
        "SELECT * FROM [t] WHERE (AND (AND (AND (< [a] 1) (> [b] 2)) (<= [c] 3)) (>= [d] 4))")]
    [InlineData("SELECT * FROM t WHERE a=1", "SELECT * FROM [t] WHERE (= [a] 1)")]
    [InlineData("SELECT * FROM t WHERE a = b = c", "SELECT * FROM [t] WHERE (= (= [a] [b]) [c])")]
    [InlineData("SELECT * FROM t WHERE a LIKE '%x%'", "SELECT * FROM [t] WHERE (LIKE [a] '%x%')")]
    [InlineData("SELECT * FROM t WHERE a not like 'x_'", "SELECT * FROM [t] WHERE (NOT LIKE [a] 'x_')")]
    [InlineData("SELECT * FROM t WHERE a ILIKE 'X%'", "SELECT * FROM [t] WHERE (ILIKE [a] 'X%')")]
    [InlineData("SELECT * FROM t WHERE a NOT ILIKE 'X%'", "SELECT * FROM [t] WHERE (NOT ILIKE [a] 'X%')")]
    [InlineData("SELECT * FROM t WHERE a IN (1, 2, 3)", "SELECT * FROM [t] WHERE (IN [a] 1 2 3)")]
    [InlineData("SELECT * FROM t WHERE a in ('x')", "SELECT * FROM [t] WHERE (IN [a] 'x')")]
    [InlineData("SELECT * FROM t WHERE a NOT IN (1, b + 1)", "SELECT * FROM [t] WHERE (NOT IN [a] 1 (+ [b] 1))")]
    [InlineData("SELECT * FROM t WHERE a BETWEEN 1 AND 10", "SELECT * FROM [t] WHERE (BETWEEN [a] 1 10)")]
    [InlineData("SELECT * FROM t WHERE a NOT BETWEEN 1 AND 10 AND b = 2", "SELECT * FROM [t] WHERE (AND (NOT BETWEEN [a] 1 10) (= [b] 2))")]
    [InlineData("SELECT * FROM t WHERE a BETWEEN b - 1 AND b + 1", "SELECT * FROM [t] WHERE (BETWEEN [a] (- [b] 1) (+ [b] 1))")]
    [InlineData("SELECT * FROM t WHERE a IS NULL", "SELECT * FROM [t] WHERE (IS NULL [a])")]
    [InlineData("SELECT * FROM t WHERE a is not null", "SELECT * FROM [t] WHERE (IS NOT NULL [a])")]
    // SeaTable's set operators
    [InlineData("SELECT * FROM t WHERE tags HAS ANY OF ('a', 'b')", "SELECT * FROM [t] WHERE (HAS ANY OF [tags] 'a' 'b')")]
    [InlineData("SELECT * FROM t WHERE tags has all of ('a')", "SELECT * FROM [t] WHERE (HAS ALL OF [tags] 'a')")]
    [InlineData("SELECT * FROM t WHERE tags Has None Of ('a', ?)", "SELECT * FROM [t] WHERE (HAS NONE OF [tags] 'a' ?0)")]
    [InlineData("SELECT * FROM t WHERE tags IS EXACTLY ('a', 'b')", "SELECT * FROM [t] WHERE (IS EXACTLY [tags] 'a' 'b')")]
    [InlineData("SELECT * FROM t WHERE tags HAS ANY OF 'a'", "SELECT * FROM [t] WHERE (HAS ANY OF [tags] 'a')")]
    [InlineData("SELECT * FROM t WHERE tags is exactly ?", "SELECT * FROM [t] WHERE (IS EXACTLY [tags] ?0)")]
    [InlineData("SELECT * FROM t WHERE tags HAS ANY OF ('a') AND NOT tags HAS ALL OF ('b', 'c')",
        "SELECT * FROM [t] WHERE (AND (HAS ANY OF [tags] 'a') (NOT (HAS ALL OF [tags] 'b' 'c')))")]
    // Precedence and associativity
    [InlineData("SELECT 1 + 2 * 3 FROM t", "SELECT (+ 1 (* 2 3)) FROM [t]")]
    [InlineData("SELECT (1 + 2) * 3 FROM t", "SELECT (* (+ 1 2) 3) FROM [t]")]
    [InlineData("SELECT 1 - 2 - 3 FROM t", "SELECT (- (- 1 2) 3) FROM [t]")]
    [InlineData("SELECT 8 / 4 / 2, 7 % 3 * 2 FROM t", "SELECT (/ (/ 8 4) 2), (* (% 7 3) 2) FROM [t]")]
    [InlineData("SELECT -a * b FROM t", "SELECT (* (- [a]) [b]) FROM [t]")]
    [InlineData("SELECT - -1, 1 - -1 FROM t", "SELECT (- (- 1)), (- 1 (- 1)) FROM [t]")]
    [InlineData("SELECT -(1 + 2) FROM t", "SELECT (- (+ 1 2)) FROM [t]")]
    [InlineData("SELECT * FROM t WHERE a OR b AND c", "SELECT * FROM [t] WHERE (OR [a] (AND [b] [c]))")]
    [InlineData("SELECT * FROM t WHERE (a OR b) AND c", "SELECT * FROM [t] WHERE (AND (OR [a] [b]) [c])")]
    [InlineData("SELECT * FROM t WHERE a OR b OR c", "SELECT * FROM [t] WHERE (OR (OR [a] [b]) [c])")]
    [InlineData("SELECT * FROM t WHERE NOT a = 1", "SELECT * FROM [t] WHERE (NOT (= [a] 1))")]
    [InlineData("SELECT * FROM t WHERE NOT a AND b", "SELECT * FROM [t] WHERE (AND (NOT [a]) [b])")]
    [InlineData("SELECT * FROM t WHERE NOT NOT a", "SELECT * FROM [t] WHERE (NOT (NOT [a]))")]
    [InlineData("SELECT * FROM t WHERE not (a or b)", "SELECT * FROM [t] WHERE (NOT (OR [a] [b]))")]
    [InlineData("SELECT * FROM t WHERE a + 1 > b * 2 AND c LIKE 'x' OR d IS NULL",
        "SELECT * FROM [t] WHERE (OR (AND (> (+ [a] 1) (* [b] 2)) (LIKE [c] 'x')) (IS NULL [d]))")]
    [InlineData("SELECT * FROM t WHERE a = 1 + 2", "SELECT * FROM [t] WHERE (= [a] (+ 1 2))")]
    [InlineData("SELECT * FROM t WHERE ((a))", "SELECT * FROM [t] WHERE [a]")]
    // Functions
    [InlineData("SELECT COUNT(*) FROM t", "SELECT (call COUNT *) FROM [t]")]
    [InlineData("SELECT count(*) FROM t", "SELECT (call count *) FROM [t]")]
    [InlineData("SELECT COUNT(DISTINCT a) FROM t", "SELECT (call COUNT DISTINCT [a]) FROM [t]")]
    [InlineData("SELECT SUM(a), MIN(a), MAX(a), AVG(a + 1) FROM t", "SELECT (call SUM [a]), (call MIN [a]), (call MAX [a]), (call AVG (+ [a] 1)) FROM [t]")]
    [InlineData("SELECT now() FROM t", "SELECT (call now) FROM [t]")]
    [InlineData("SELECT round(a, 2), concat(a, '-', b) FROM t", "SELECT (call round [a] 2), (call concat [a] '-' [b]) FROM [t]")]
    [InlineData("SELECT LEFT(a, 3), RIGHT(a, 2), IF(a > 1, 'x', 'y') FROM t", "SELECT (call LEFT [a] 3), (call RIGHT [a] 2), (call IF (> [a] 1) 'x' 'y') FROM [t]")]
    [InlineData("SELECT YEAR(d), month(d) FROM t GROUP BY YEAR(d)", "SELECT (call YEAR [d]), (call month [d]) FROM [t] GROUP BY (call YEAR [d])")]
    [InlineData("SELECT upper(lower(trim(a))) FROM t", "SELECT (call upper (call lower (call trim [a]))) FROM [t]")]
    [InlineData("SELECT f (a) FROM t", "SELECT (call f [a]) FROM [t]")]
    [InlineData("SELECT ISODate(SalesTime), sum(sale) FROM SalesRecord GROUP BY ISODate(SalesTime)",
        "SELECT (call ISODate [SalesTime]), (call sum [sale]) FROM [SalesRecord] GROUP BY (call ISODate [SalesTime])")]
    [InlineData("SELECT * FROM t WHERE round(a) IN (1, 2)", "SELECT * FROM [t] WHERE (IN (call round [a]) 1 2)")]
    // Clauses
    [InlineData("SELECT a FROM t GROUP BY a, b", "SELECT [a] FROM [t] GROUP BY [a], [b]")]
    [InlineData("SELECT a FROM t ORDER BY a", "SELECT [a] FROM [t] ORDER BY [a]")]
    [InlineData("SELECT a FROM t ORDER BY a DESC, b ASC, c", "SELECT [a] FROM [t] ORDER BY [a] DESC, [b], [c]")]
    [InlineData("select a from t order by a desc limit 10", "SELECT [a] FROM [t] ORDER BY [a] DESC LIMIT 10")]
    [InlineData("SELECT * FROM t LIMIT 10000 OFFSET 10000", "SELECT * FROM [t] LIMIT 10000 OFFSET 10000")]
    [InlineData("SELECT * FROM t LIMIT 20, 10", "SELECT * FROM [t] LIMIT 10 OFFSET 20")]
    [InlineData("SELECT * FROM t LIMIT 0", "SELECT * FROM [t] LIMIT 0")]
    [InlineData("SELECT a, COUNT(*) c FROM t WHERE a > 1 GROUP BY a HAVING c > 2 ORDER BY c DESC LIMIT 5 OFFSET 1",
        "SELECT [a], (call COUNT *) AS [c] FROM [t] WHERE (> [a] 1) GROUP BY [a] HAVING (> [c] 2) ORDER BY [c] DESC LIMIT 5 OFFSET 1")]
    [InlineData("SELECT * FROM t;", "SELECT * FROM [t]")]
    [InlineData("  SELECT * FROM t ;  ", "SELECT * FROM [t]")]
    [InlineData("SELECT\n  a,\n  b\nFROM\tt\r\nWHERE a = 1", "SELECT [a], [b] FROM [t] WHERE (= [a] 1)")]
    // UPDATE, DELETE, INSERT
    [InlineData("UPDATE t SET a = 1", "UPDATE [t] SET [a] = 1")]
    [InlineData("update `My Table` set `Col 1` = 'x', b = NULL where c = 2", "UPDATE [My Table] SET [Col 1] = 'x', [b] = NULL WHERE (= [c] 2)")]
    [InlineData("UPDATE t SET a = a + 1 WHERE b IS NOT NULL;", "UPDATE [t] SET [a] = (+ [a] 1) WHERE (IS NOT NULL [b])")]
    [InlineData("DELETE FROM t", "DELETE FROM [t]")]
    [InlineData("delete from t where a = 'x' or b < 0", "DELETE FROM [t] WHERE (OR (= [a] 'x') (< [b] 0))")]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 'x')", "INSERT INTO [t]")]
    [InlineData("insert into `Big Table` values (1, 2); whatever", "INSERT INTO [Big Table]")]
    [InlineData("INSERT INTO t", "INSERT INTO [t]")]
    [InlineData("SELECT * FROM t WHERE a IS TRUE", "SELECT * FROM [t] WHERE (IS TRUE [a])")]
    [InlineData("SELECT * FROM t WHERE a is not true AND b IS NOT NULL", "SELECT * FROM [t] WHERE (AND (IS NOT TRUE [a]) (IS NOT NULL [b]))")]
    [InlineData("UPDATE t SET tags = ('a', 'b'), n = (1 + 2) * 3", "UPDATE [t] SET [tags] = (LIST 'a' 'b'), [n] = (* (+ 1 2) 3)")]
    [InlineData("UPDATE t SET tags = (?, ?)", "UPDATE [t] SET [tags] = (LIST ?0 ?1)")]
    public void Parses(string sql, string expected) => Assert.Equal(expected, Parse(sql));
}
