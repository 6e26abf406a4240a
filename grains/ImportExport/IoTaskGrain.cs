using Microsoft.Extensions.Options;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// Runs one task. The grain is the task's coordinator: it records each phase before acting on it, its work
/// runs on a pool thread (never calling back into this grain, so cancelling can wait for it), and a reminder
/// wakes it after a crash. Activation resumes a task that was queued or running, up to
/// <see cref="ImportExportOptions.MaxAttempts"/> starts, and marks it failed after that: no task stays
/// "running" forever. Every undo step (abandoning the imported base, deleting files) is idempotent.
/// Placed on the silo that received the request, so the load balancer spreads imports over the cluster.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class IoTaskGrain(
    [PersistentState("iotask", StorageNames.Main)] IPersistentState<IoTaskState> state,
    IoTaskRunner runner,
    IBlobStore blobs,
    IOptions<ImportExportOptions> options,
    TimeProvider clock,
    ILogger<IoTaskGrain> logger) : Grain, IIoTaskGrain, IRemindable
{
    internal const string Reminder = "io-task";
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ProgressFlushPeriod = TimeSpan.FromSeconds(2);

    // Writes come from requests, the work's own continuation and the progress timer: one at a time.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _cancel;
    private Task? _run;
    private IoTaskProgress? _progress;
    private bool _deactivating;

    private Guid TaskId => this.GetPrimaryKey();
    private IoTaskState S => state.State;
    private bool IsEnded => S.Phase is IoTaskPhase.Finished or IoTaskPhase.Failed or IoTaskPhase.Cancelled;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Phase is IoTaskPhase.Queued or IoTaskPhase.Running)
        {
            // The previous activation died with its work (a restart or a lost silo).
            if (S.Attempts >= options.Value.MaxAttempts)
            {
                logger.LogWarning("Task {TaskId} ({Kind}) was interrupted {Attempts} times; marking it failed", TaskId, S.Kind, S.Attempts);
                await FailInterruptedAsync();
            }
            else
            {
                logger.LogInformation("Resuming task {TaskId} ({Kind}) after an interruption", TaskId, S.Kind);
                StartRun();
            }
        }
        else if (IsEnded)
        {
            _ended.TrySetResult();
            // The expiry follows the lifetime configured now, not the one of the run that ended.
            var due = S.EndedAt.GetValueOrDefault(S.CreatedAt) + options.Value.ResultLifetime - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(Reminder, due > TimeSpan.FromSeconds(1) ? due : TimeSpan.FromSeconds(1), WatchPeriod);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            // The silo is stopping (or the grain moves): stop the work but record nothing, so the phase stays
            // queued/running and the next activation resumes the task.
            _deactivating = true;
            await _cancel!.CancelAsync();
            await run.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        }
    }

    async Task IIoTaskGrain.Create(NewIoTask task)
    {
        if (S.Phase != IoTaskPhase.None)
        {
            return;
        }

        state.State = new IoTaskState
        {
            Phase = IoTaskPhase.Pending,
            Kind = task.Kind,
            OwnerId = task.OwnerId,
            DTableUuid = task.DTableUuid,
            WorkspaceId = task.WorkspaceId,
            BaseName = task.BaseName,
            PublicUrl = task.PublicUrl,
            IgnoreAsset = task.IgnoreAsset,
            SourceUuid = task.SourceUuid,
            CreatedAt = clock.GetUtcNow(),
        };
        await WriteAsync();
        // The watchdog: it wakes the task after a crash, whether it was pending, queued or running.
        await this.RegisterOrUpdateReminder(Reminder, WatchPeriod, WatchPeriod);
    }

    Task IIoTaskGrain.Start()
    {
        if (S.Phase == IoTaskPhase.Pending && _run is null)
        {
            StartRun();
        }

        return Task.CompletedTask;
    }

    async Task<IoTaskStatusResult> IIoTaskGrain.ReadStatus(string callerId, bool isAdmin, bool consume)
    {
        if (S.Phase == IoTaskPhase.None || S.StatusConsumed)
        {
            return new IoTaskStatusResult(IoTaskAccess.NotFound);
        }

        if (callerId != S.OwnerId && !isAdmin)
        {
            return new IoTaskStatusResult(IoTaskAccess.PermissionDenied);
        }

        var status = Status();
        if (consume && IsEnded)
        {
            S.StatusConsumed = true;
            await WriteAsync();
        }

        return new IoTaskStatusResult(IoTaskAccess.Ok, status);
    }

    async Task<IoTaskStatus?> IIoTaskGrain.WaitForEnd(TimeSpan timeout)
    {
        if (S.Phase == IoTaskPhase.None)
        {
            return null;
        }

        await Task.WhenAny(_ended.Task, Task.Delay(timeout));
        return S.Phase == IoTaskPhase.None ? null : Status();
    }

    async Task<IoTaskCancelResult> IIoTaskGrain.Cancel(string callerId, bool isAdmin)
    {
        if (S.Phase == IoTaskPhase.None || S.StatusConsumed && S.Kind != IoTaskKind.Export)
        {
            return new IoTaskCancelResult(IoTaskAccess.NotFound);
        }

        if (callerId != S.OwnerId && !isAdmin)
        {
            return new IoTaskCancelResult(IoTaskAccess.PermissionDenied);
        }

        var result = new IoTaskCancelResult(IoTaskAccess.Ok, S.Kind, S.DTableUuid);
        if (_run is not null && !_run.IsCompleted)
        {
            // Cooperative: the work checks the token between rows and files; its run undoes what it made.
            await _cancel!.CancelAsync();
            await _run;
        }
        else if (!IsEnded)
        {
            await UndoAsync();
        }
        else if (S.Kind == IoTaskKind.Export)
        {
            // A finished export is cancelled by deleting its file, as SeaTable deletes its export folder.
            blobs.DeleteFolder(IoPaths.Folder(TaskId));
        }

        // The task is gone: its status answers "not found" from now on. A finished import keeps its base.
        await ForgetAsync();
        return result;
    }

    Task<IoTaskDownload> IIoTaskGrain.GetDownload(string callerId, bool isAdmin)
    {
        if (S.Phase == IoTaskPhase.None || S.Kind != IoTaskKind.Export)
        {
            return Task.FromResult(new IoTaskDownload(IoTaskAccess.NotFound));
        }

        if (callerId != S.OwnerId && !isAdmin)
        {
            return Task.FromResult(new IoTaskDownload(IoTaskAccess.PermissionDenied));
        }

        return Task.FromResult(new IoTaskDownload(IoTaskAccess.Ok, Status(), S.Phase == IoTaskPhase.Finished ? S.ResultPath : null, S.BaseName));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Reminder)
        {
            return;
        }

        if (S.Phase == IoTaskPhase.None)
        {
            await UnregisterReminderAsync();
            return;
        }

        if (S.Phase == IoTaskPhase.Pending && _run is null && clock.GetUtcNow() - S.CreatedAt >= WatchPeriod)
        {
            // The request that recorded the task died before starting it: run it now (the work checks that
            // its base exists and fails cleanly if the request died before creating it).
            StartRun();
            return;
        }

        if (IsEnded && S.EndedAt is { } ended && clock.GetUtcNow() >= ended + options.Value.ResultLifetime)
        {
            if (S.Phase != IoTaskPhase.Finished)
            {
                // Repeated on purpose: should the undo at the end of the run have failed, this completes it.
                await UndoAsync();
            }

            logger.LogInformation("Task {TaskId} ({Kind}) expired; deleting it and its files", TaskId, S.Kind);
            await ForgetAsync();
        }
    }

    private void StartRun()
    {
        _cancel = new CancellationTokenSource();
        _progress = new IoTaskProgress(S.Progress, S.RowsDone);
        _run = RunAsync(_cancel.Token);
    }

    /// <summary>Runs in the grain's context; only <see cref="Work"/> leaves it, for a pool thread.</summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Also keeps the activation alive while the task waits for a slot or works.
        using var flush = this.RegisterGrainTimer(FlushProgressAsync,
            new GrainTimerCreationOptions(ProgressFlushPeriod, ProgressFlushPeriod) { KeepAlive = true });
        try
        {
            S.Phase = IoTaskPhase.Queued;
            S.Attempts++;
            await WriteAsync();
            using var slot = await runner.AcquireAsync(cancellationToken);
            S.Phase = IoTaskPhase.Running;
            await WriteAsync();

            var context = new IoJobContext(TaskId, ToNewTask(), blobs, GrainFactory, options.Value, clock, _progress!);
            var outcome = await Task.Run(() => Work(context, cancellationToken), CancellationToken.None);
            S.ResultPath = outcome.ResultPath;
            S.RowsDone = outcome.Rows;
            S.Progress = 100;
            S.Phase = IoTaskPhase.Finished;
            if (S.Kind == IoTaskKind.Export)
            {
                blobs.DeleteFolder(IoPaths.Work(TaskId, ""));
            }
            else
            {
                blobs.DeleteFolder(IoPaths.Folder(TaskId));
            }
        }
        catch (Exception) when (_deactivating)
        {
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await EndWithUndoAsync(IoTaskPhase.Cancelled, "The task was cancelled.");
        }
        catch (IoTaskFailedException e)
        {
            await EndWithUndoAsync(IoTaskPhase.Failed, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Task {TaskId} ({Kind}) failed", TaskId, S.Kind);
            await EndWithUndoAsync(IoTaskPhase.Failed, $"The {(S.Kind == IoTaskKind.Export ? "export" : "import")} failed on the server; please try again.");
        }

        if (_deactivating)
        {
            return;
        }

        S.EndedAt = clock.GetUtcNow();
        await WriteAsync();
        _ended.TrySetResult();
        await this.RegisterOrUpdateReminder(Reminder, options.Value.ResultLifetime, WatchPeriod);
    }

    private static Task<IoJobOutcome> Work(IoJobContext context, CancellationToken cancellationToken) => context.Task.Kind switch
    {
        IoTaskKind.ImportArchive => ArchiveImportJob.RunAsync(context, cancellationToken),
        IoTaskKind.ImportCsv => CsvImportJob.RunAsync(context, cancellationToken),
        IoTaskKind.Copy => CopyJob.RunAsync(context, cancellationToken),
        _ => ArchiveExportJob.RunAsync(context, cancellationToken),
    };

    private async Task EndWithUndoAsync(IoTaskPhase phase, string error)
    {
        try
        {
            await UndoAsync();
        }
        catch (Exception e)
        {
            // The expiry reminder repeats the undo; the task is reported as ended all the same.
            logger.LogError(e, "Undoing task {TaskId} ({Kind}) failed; the expiry reminder retries", TaskId, S.Kind);
        }

        S.Phase = phase;
        S.Error = error;
        S.ResultPath = null;
    }

    /// <summary>Removes whatever the task made: the imported base (with its content and assets) and the task's files.</summary>
    private async Task UndoAsync()
    {
        if (S.Kind != IoTaskKind.Export)
        {
            await GrainFactory.GetGrain<IDTableGrain>(S.DTableUuid).AbandonImport(TaskId);
        }

        blobs.DeleteFolder(IoPaths.Folder(TaskId));
    }

    private async Task FailInterruptedAsync()
    {
        await EndWithUndoAsync(IoTaskPhase.Failed,
            $"The task was interrupted {S.Attempts} times (the server restarted) and was given up; please start it again.");
        S.EndedAt = clock.GetUtcNow();
        await WriteAsync();
        _ended.TrySetResult();
        await this.RegisterOrUpdateReminder(Reminder, options.Value.ResultLifetime, WatchPeriod);
    }

    private async Task ForgetAsync()
    {
        blobs.DeleteFolder(IoPaths.Folder(TaskId));
        await UnregisterReminderAsync();
        await _writeLock.WaitAsync();
        try
        {
            await state.ClearStateAsync();
            state.State = new IoTaskState();
        }
        finally
        {
            _writeLock.Release();
        }

        DeactivateOnIdle();
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task FlushProgressAsync(CancellationToken cancellationToken)
    {
        if (_progress is { } progress && S.Phase == IoTaskPhase.Running
            && (progress.Percent != S.Progress || progress.RowsDone != S.RowsDone))
        {
            S.Progress = progress.Percent;
            S.RowsDone = progress.RowsDone;
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private IoTaskStatus Status()
    {
        var running = S.Phase == IoTaskPhase.Running && _progress is not null;
        return new IoTaskStatus(S.Kind, S.Phase, running ? _progress!.Percent : S.Progress, running ? _progress!.RowsDone : S.RowsDone,
            S.Error, S.DTableUuid);
    }

    private NewIoTask ToNewTask() => new(S.Kind, S.OwnerId, S.DTableUuid, S.WorkspaceId, S.BaseName, S.PublicUrl, S.IgnoreAsset, S.SourceUuid);
}
