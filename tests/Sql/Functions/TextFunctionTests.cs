using SeaTable.Grains.Content;
using static SeaTable.Tests.Sql.Functions.FunctionCalls;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>The text functions (sql-reference.md 5.3; developer.seatable.com/sql/functions "Text functions"), with the documented examples.</summary>
public sealed class TextFunctionTests
{
    [Theory]
    [InlineData("concatenate", "Alice from Berlin", "Alice", " from ", "Berlin")]
    [InlineData("concatenate", "a1true", "a", 1, true)]
    [InlineData("concatenate", "ab", "a", null, "b")]
    [InlineData("concatenate", "ab", new object?[] { "a", "z" }, "b")]
    [InlineData("concatenate", "x", "x")]
    [InlineData("exact", false, "SeaTable", "Seatable")]
    [InlineData("exact", true, "SeaTable", "SeaTable")]
    [InlineData("exact", true, null, "")]
    [InlineData("exact", true, "12", 12)]
    [InlineData("find", 0, "Sea", "seaTable", 1)]
    [InlineData("find", 5, "table", "big table", 4)]
    [InlineData("find", 2, "li", "Alice")]
    [InlineData("find", 1, "", "Alice")]
    [InlineData("find", "", "a", "")]
    [InlineData("find", "", "a", null)]
    [InlineData("find", 5, "table", "big table", 2.9)]
    [InlineData("find", 0, "a", "abc", 99)]
    [InlineData("find", 1, "a", "abc", -5)]
    [InlineData("search", 1, "Sea", "seaTable", 1)]
    [InlineData("search", 0, "table", "big table", 6)]
    [InlineData("search", 2, "LI", "Alice")]
    [InlineData("search", 1, "", "Alice")]
    [InlineData("search", "", "x", "")]
    [InlineData("left", "Sea", "SeaTable", 3)]
    [InlineData("left", "Ali", "Alice", 3.9)]
    [InlineData("left", "Alice", "Alice", 10)]
    [InlineData("left", "", "Alice", 0)]
    [InlineData("left", "", null, 2)]
    [InlineData("left", "", "Alice", null)]
    [InlineData("left", "12", 123, 2)]
    [InlineData("right", "Table", "SeaTable", 5)]
    [InlineData("right", "ice", "Alice", 3)]
    [InlineData("right", "Alice", "Alice", 99)]
    [InlineData("right", "", null, 1)]
    [InlineData("len", 8, "SeaTable")]
    [InlineData("len", 0, "")]
    [InlineData("len", 0, null)]
    [InlineData("len", 4, 1.25)]
    [InlineData("lower", "german", "German")]
    [InlineData("lower", "", "")]
    [InlineData("lower", "", null)]
    [InlineData("upper", "GERMAN", "German")]
    [InlineData("upper", "ÄÖÜ", "äöü")]
    [InlineData("upper", "", null)]
    [InlineData("proper", "Hello World", "hELLO wORLD")]
    [InlineData("proper", "Jean-Luc O'Neil 2nd", "jean-luc o'neil 2ND")]
    [InlineData("proper", "", null)]
    [InlineData("mid", "SeaTable", "SeaTable is the best", 1, 8)]
    [InlineData("mid", "is the best.", "SeaTable is the best.", 10.9, 27.3)]
    [InlineData("mid", "ic", "Alice", 3, 2)]
    [InlineData("mid", "", "Alice", 9, 2)]
    [InlineData("mid", "", null, 1, 2)]
    [InlineData("mid", "", "Alice", null, 2)]
    [InlineData("replace", "Seafile is the best.", "SeaTable is the best.", 1, 8, "Seafile")]
    [InlineData("replace", "SeafileSeaTable is the best.", "SeaTable is the best.", 1, 0, "Seafile")]
    [InlineData("replace", "Olice", "Alice", 1, 3, "Oli")]
    [InlineData("replace", "Alice!", "Alice", 99, 3, "!")]
    [InlineData("replace", "Ali", "Alice", 4, 9, null)]
    [InlineData("replace", "x", null, 1, 1, "x")]
    [InlineData("replace", "Alice", "Alice", null, 1, "x")]
    [InlineData("rept", "SeaSeaSea", "Sea", 3)]
    [InlineData("rept", "ababab", "ab", 3.7)]
    [InlineData("rept", "", "ab", 0)]
    [InlineData("rept", "", "", 100000000)]
    [InlineData("rept", "", null, 3)]
    [InlineData("rept", "", "ab", null)]
    [InlineData("substitute", "SeafileTable", "SeaTableTable", "Table", "file", 1)]
    [InlineData("substitute", "Seafilefile", "SeaTableTable", "Table", "file")]
    [InlineData("substitute", "Seafilefile", "SeaTableTable", "Table", "file", 0)]
    [InlineData("substitute", "SeaTablefile", "SeaTableTable", "Table", "file", 2)]
    [InlineData("substitute", "SeaTableTable", "SeaTableTable", "Table", "file", 3)]
    [InlineData("substitute", "SeaTableTable", "SeaTableTable", "table", "file")]
    [InlineData("substitute", "abc", "abc", "", "x")]
    [InlineData("substitute", "ac", "abc", "b", null)]
    [InlineData("substitute", "", null, "a", "b")]
    [InlineData("T", "123", "123")]
    [InlineData("T", "", 123)]
    [InlineData("T", "", null)]
    [InlineData("T", "", true)]
    [InlineData("text", "€150", 150, "euro")]
    [InlineData("text", "5000%", 50, "percent")]
    [InlineData("text", "12.5%", 0.125, "percent")]
    [InlineData("text", "$1.5", 1.5, "Dollar")]
    [InlineData("text", "-¥3", -3, "yuan")]
    [InlineData("text", "-€2", -2, "euro")]
    [InlineData("text", "42", 42, "number")]
    [InlineData("text", "42", "42", "number")]
    [InlineData("text", "42", 42)]
    [InlineData("text", "", null, "euro")]
    [InlineData("text", "2025-01-03", "D:2025-01-03")]
    [InlineData("text", "2025-01-03 10:20:00", "T:2025-01-03T10:20:00")]
    [InlineData("trim", "SeaTable", " SeaTable ")]
    [InlineData("trim", "a b", "\ta b\n")]
    [InlineData("trim", "", "   ")]
    [InlineData("trim", "", null)]
    [InlineData("value", 123, "123")]
    [InlineData("value", -1500, " -1.5e3 ")]
    [InlineData("value", 7, 7)]
    [InlineData("value", 0, "")]
    [InlineData("value", 0, null)]
    public void Evaluates(string name, object? expected, params object?[] arguments) => Expect(expected, name, arguments);

    [Theory]
    [InlineData("left", "Alice", -1)]
    [InlineData("left", "Alice", "x")]
    [InlineData("right", "Alice", -2)]
    [InlineData("mid", "Alice", 0, 2)]
    [InlineData("mid", "Alice", 1, 0)]
    [InlineData("mid", "Alice", 1, -3)]
    [InlineData("replace", "Alice", 0, 1, "x")]
    [InlineData("replace", "Alice", 1, -1, "x")]
    [InlineData("rept", "ab", -1)]
    [InlineData("rept", "ab", "many")]
    [InlineData("substitute", "abc", "a", "b", -1)]
    [InlineData("find", "a", "abc", "first")]
    [InlineData("text", 5, "pounds")]
    [InlineData("text", "abc", "euro")]
    [InlineData("value", "abc")]
    [InlineData("value", "D:2025-01-01")]
    public void RefusesArguments(string name, params object?[] arguments) =>
        Assert.Equal(SqlError.Invalid, Refused(name, arguments).Error);

    [Fact]
    public void ReptRefusesAResultOverAMillionCharacters()
    {
        Assert.Equal(SqlError.LimitExceeded, Refused("rept", ["ab", 500_001]).Error);
        Assert.Equal(SqlError.LimitExceeded, Refused("rept", ["a", 1e300]).Error);
        Assert.Equal(1_000_000, Invoke("rept", ["ab", 500_000]).Text!.Length);
    }

    [Fact]
    public void TextBuildersRefuseResultsOverAMillionCharacters()
    {
        var half = new string('a', 600_000);
        Assert.Equal(SqlError.LimitExceeded, Refused("concatenate", [half, half]).Error);
        Assert.Equal(SqlError.LimitExceeded, Refused("substitute", [half, "a", "bb"]).Error);
        Assert.Equal(SqlError.LimitExceeded, Refused("replace", [half, 1, 0, half]).Error);
        Assert.Equal(1_000_000, Invoke("substitute", [new string('a', 500_000), "a", "bb"]).Text!.Length);
    }

    [Fact]
    public void AListReadsAsItsFirstItem()
    {
        Expect("ALICE", "upper", [new object?[] { "alice" }]);
        Expect(1, "len", [new object?[] { "a", "bc" }]);
        Expect("", "upper", [Array.Empty<object?>()]);
    }
}
