namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// What a filter is evaluated against: the base (links, other tables), the table, who asks (for "include_me"
/// and "is_current_user_ID"; null when the caller is unknown) and today's date (UTC) for relative dates.
/// </summary>
internal sealed record FilterContext(BaseContent Content, ContentTable Table, string? CurrentUser, DateOnly Today);
