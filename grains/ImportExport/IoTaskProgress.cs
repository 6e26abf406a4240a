namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A running task's progress, written by its work on a pool thread and read by its grain (status calls and
/// the timer that persists it); plain interlocked fields, so neither side waits for the other.
/// </summary>
public sealed class IoTaskProgress(int percent = 0, long rowsDone = 0)
{
    private int _percent = percent;
    private long _rowsDone = rowsDone;

    public int Percent => Volatile.Read(ref _percent);

    public long RowsDone => Interlocked.Read(ref _rowsDone);

    /// <summary>Sets the percentage (0-100, never backwards within a run) and the rows handled so far.</summary>
    public void Report(int percent, long rowsDone)
    {
        Volatile.Write(ref _percent, Math.Clamp(percent, 0, 100));
        Interlocked.Exchange(ref _rowsDone, rowsDone);
    }

    /// <summary>A percentage between <paramref name="from"/> and <paramref name="to"/> for <paramref name="done"/> of <paramref name="total"/>.</summary>
    public void ReportPart(int from, int to, long done, long total, long rowsDone) =>
        Report(total <= 0 ? to : from + (int)((to - from) * Math.Min(1.0, (double)done / total)), rowsDone);
}
