using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// Writes a row's system fields, formatting each distinct time once: rows of one batch share their
/// _ctime and _mtime, so a page of 1,000 rows formats a handful of times instead of 2,000.
/// </summary>
internal sealed class RowTimeCache
{
    private (long Time, string Text) _created = (long.MinValue, "");
    private (long Time, string Text) _modified = (long.MinValue, "");

    public void WriteSystemFields(Utf8JsonWriter writer, ContentRow row)
    {
        writer.WriteString("_id", row.Id);
        if (row.Creator is not null)
        {
            writer.WriteString("_creator", row.Creator);
        }

        if (row.CreatedAt is { } created)
        {
            writer.WriteString("_ctime", Format(ref _created, created));
        }

        if (row.LastModifier is not null)
        {
            writer.WriteString("_last_modifier", row.LastModifier);
        }

        if (row.ModifiedAt is { } modified)
        {
            writer.WriteString("_mtime", Format(ref _modified, modified));
        }
    }

    private static string Format(ref (long Time, string Text) last, long time)
    {
        if (time != last.Time)
        {
            last = (time, RowTimes.Format(time));
        }

        return last.Text;
    }
}
