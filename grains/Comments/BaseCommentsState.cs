using SeaTable.Grains.Comments;

namespace SeaTable.Grains.Comments;

/// <summary>A base's row comments as stored (grain state "comments"); ids count up per base.</summary>
[GenerateSerializer]
public sealed class BaseCommentsState
{
    [Id(0)] public long LastId { get; set; }

    [Id(1)] public List<RowComment> Comments { get; set; } = [];
}
