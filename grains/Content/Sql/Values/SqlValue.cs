using System.Globalization;

namespace SeaTable.Grains.Content.Sql.Values;

/// <summary>The kinds of value an expression has.</summary>
internal enum SqlKind : byte
{
    Null,
    Number,
    Text,
    Bool,
    /// <summary>A point in time, UTC ticks; <see cref="SqlValue.HasTime"/> false for a calendar date.</summary>
    Date,
    /// <summary>Several values: a multiple-select cell (option names), collaborators, linked rows' values.</summary>
    List,
}

/// <summary>
/// One value during evaluation. A struct, so that comparing and computing over 100,000 rows allocates only
/// the texts it reads. Select cells are their option names, dates UTC, checkboxes booleans.
/// </summary>
internal readonly struct SqlValue : IEquatable<SqlValue>
{
    private readonly object? _ref;
    private readonly double _number;
    private readonly long _ticks;

    private SqlValue(SqlKind kind, double number, long ticks, object? reference, bool hasTime = false)
    {
        Kind = kind;
        _number = number;
        _ticks = ticks;
        _ref = reference;
        HasTime = hasTime;
    }

    public static readonly SqlValue Null = default;

    public static readonly SqlValue True = new(SqlKind.Bool, 1, 0, null);

    public static readonly SqlValue False = new(SqlKind.Bool, 0, 0, null);

    public SqlKind Kind { get; }

    /// <summary>For a date: whether it carries a time of day (a datetime column, now()) or is a calendar day.</summary>
    public bool HasTime { get; }

    public bool IsNull => Kind == SqlKind.Null;

    /// <summary>The number (a Bool is 1 or 0); 0 for other kinds.</summary>
    public double Number => Kind is SqlKind.Number or SqlKind.Bool ? _number : 0;

    public bool Bool => Kind is SqlKind.Bool or SqlKind.Number && _number != 0;

    /// <summary>The text of a Text value; null for other kinds (see <see cref="ToText"/>).</summary>
    public string? Text => _ref as string;

    /// <summary>The UTC time of a Date value.</summary>
    public DateTime Date => new(Kind == SqlKind.Date ? _ticks : 0, DateTimeKind.Utc);

    /// <summary>The items of a List value; empty for other kinds.</summary>
    public IReadOnlyList<SqlValue> Items => _ref as SqlValue[] ?? [];

    public static SqlValue FromNumber(double number) => double.IsFinite(number) ? new(SqlKind.Number, number, 0, null) : Null;

    public static SqlValue FromText(string? text) => text is null ? Null : new(SqlKind.Text, 0, 0, text);

    public static SqlValue FromBool(bool value) => value ? True : False;

    public static SqlValue FromDate(DateTime utc, bool hasTime) =>
        new(SqlKind.Date, 0, (utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc).Ticks, null, hasTime);

    public static SqlValue FromList(SqlValue[] items) => new(SqlKind.List, 0, 0, items);

    /// <summary>
    /// Empty in SeaTable's sense: null, an empty text, an empty list. (A number 0 or an unchecked box is not empty;
    /// the engine reads an absent checkbox cell as false.)
    /// </summary>
    public bool IsEmpty => Kind switch
    {
        SqlKind.Null => true,
        SqlKind.Text => ((string)_ref!).Length == 0,
        SqlKind.List => ((SqlValue[])_ref!).Length == 0,
        _ => false,
    };

    /// <summary>The value as text, as SeaTable's functions read a non-text argument: numbers invariant, dates ISO, lists joined by ", ".</summary>
    public string ToText() => Kind switch
    {
        SqlKind.Null => "",
        SqlKind.Number => FormatNumber(_number),
        SqlKind.Text => (string)_ref!,
        SqlKind.Bool => _number != 0 ? "true" : "false",
        SqlKind.Date => HasTime
            ? Date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SqlKind.List => string.Join(", ", ((SqlValue[])_ref!).Select(i => i.ToText())),
        _ => "",
    };

    /// <summary>The value as a number where it is one or reads as one (a numeric text, a bool); null otherwise.</summary>
    public double? ToNumber() => Kind switch
    {
        SqlKind.Number or SqlKind.Bool => _number,
        SqlKind.Text when double.TryParse(((string)_ref!).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) => n,
        _ => null,
    };

    /// <summary>Whole numbers without a decimal point (3, not 3.0), others as the shortest round-trip text.</summary>
    public static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);

    public bool Equals(SqlValue other) => SqlComparer.Equal(this, other);

    public override bool Equals(object? obj) => obj is SqlValue other && Equals(other);

    public override int GetHashCode() => SqlComparer.Hash(this);

    public override string ToString() => $"{Kind}:{ToText()}";

    internal long Ticks => _ticks;

    internal double RawNumber => _number;
}
