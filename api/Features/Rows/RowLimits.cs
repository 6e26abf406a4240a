namespace SeaTable.Api.Features.Rows;

/// <summary>SeaTable's per-call limits of the row API (OAS "Limits": list 1,000; append and update 1,000; delete 10,000).</summary>
public static class RowLimits
{
    public const int List = 1000;
    public const int Append = 1000;
    public const int Update = 1000;
    public const int Delete = 10_000;

    public static string TooMany(int limit) => $"Number of rows exceeds the limit of {limit}.";
}
