using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Views;

/// <summary>
/// PUT …/views/{view_name}/?table_name= with any of name, filters, filter_conjunction, sorts, groupbys,
/// hidden_columns, is_locked: everything is checked first (a filter as filtered-rows checks it), then the
/// changes are logged together; answers the view.
/// </summary>
public sealed class UpdateViewEndpoint : ViewsEndpoint<UpdateViewRequest, object>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("views/{view_name}"));
        BaseWrite();
        Summary(s => s.Summary = "Rename a view or change its filters, sorts, group-bys and hidden columns (base token with rw)");
    }

    public override async Task HandleAsync(UpdateViewRequest req, CancellationToken ct)
    {
        var updates = new JsonObject();
        if (req.Name is not null)
        {
            updates["name"] = req.Name;
        }

        Add(updates, "filters", req.Filters);
        Add(updates, "filter_conjunction", req.FilterConjunction);
        Add(updates, "sorts", req.Sorts);
        Add(updates, "groupbys", req.Groupbys);
        Add(updates, "hidden_columns", req.HiddenColumns);
        Add(updates, "is_locked", req.IsLocked);
        await SendViewReplyAsync(await Views.UpdateView(req.TableName!, req.ViewName, updates.ToJsonString()), write: true);
    }

    private static void Add(JsonObject updates, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            updates[name] = JsonNode.Parse(value.GetRawText());
        }
    }
}
