using SeaTable.Grains.ImportExport;

namespace SeaTable.Grains.DTables;

/// <summary>
/// How the base grain finishes an interrupted multi-grain change (an intent left in its state by a call that
/// failed or died between two steps): every step is idempotent, so healing repeats the interrupted step and
/// the ones after it. It happens before any call that finds the intent (the grain's own call filter), on a
/// timer within seconds while the activation lives, and on a reminder (or the next activation) after the
/// silo died. A base therefore ends whole (listed, usable) or absent (its name free), never in between.
/// </summary>
public sealed partial class DTableGrain : IIncomingGrainCallFilter
{
    internal const string HealReminderName = "heal";

    /// <summary>
    /// How long an interrupted creation may still claim its name. Beyond it, a claim message of the dead call
    /// can no longer arrive (Orleans drops requests older than the response timeout, 30 s), so healing stops
    /// repeating the claim and only reads whether it happened: a base nobody saw created stays absent. Shorter
    /// than the heal reminder's first tick, so a creation that died with its silo before the claim is never
    /// finished late by the reminder (absent stays absent).
    /// </summary>
    private static readonly TimeSpan ClaimWindow = TimeSpan.FromSeconds(45);

    /// <summary>How long after its creation a base may answer a retry of the create that made it.</summary>
    private static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan HealDue = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HealPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _healTimer;
    private Task? _healing;
    private IGrainReminder? _healReminder;
    private bool _importStarted;

    /// <summary>Calls of this activation that are between their steps right now (not counting interleaved reads).</summary>
    private int _operations;

    /// <summary>Whether the state holds a change that was started and not finished.</summary>
    private bool NeedsHealing =>
        S.Status is DTableStatus.Creating or DTableStatus.Purging
        || (S.Status is DTableStatus.Active or DTableStatus.Trashed && (S.Pending != PendingChange.None || Shares.NeedsAccountSync));

    /// <summary>
    /// Whether the import task that fills this base may not have been started (the call that created the base
    /// died before starting it). Its own watchdog would start it within a minute; the timer does it at once.
    /// </summary>
    private bool NeedsImportStart => S.Status == DTableStatus.Importing && !_importStarted;

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        // GetInfo, GetAccess and GetImportState interleave: they may run while another call of this grain waits
        // between its steps (then its intent is not interrupted, only in progress) or while their caller waits
        // on this grain (a token grain: healing then must not wait on it).
        var interleaved = context.InterfaceMethod?.Name is nameof(IDTableGrain.GetInfo) or nameof(IDTableGrain.GetAccess)
            or nameof(IDTableGrain.GetImportState);
        if (NeedsHealing && _operations == 0)
        {
            if (interleaved)
            {
                await TryHealAsync(inline: true);
            }
            else
            {
                try
                {
                    await HealAsync(inline: false);
                }
                catch
                {
                    // The call fails rather than act on a half-done change; the timer keeps trying.
                    EnsureHealTimer();
                    throw;
                }
            }
        }

        if (!interleaved)
        {
            _operations++;
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            if (!interleaved)
            {
                _operations--;
            }

            if (NeedsHealing || NeedsImportStart)
            {
                EnsureHealTimer();
            }
            else if (!interleaved)
            {
                await ReleaseHealReminderIfDoneAsync();
            }
        }
    }

    /// <summary>Heals, or leaves the intent to the timer (and the reminder) when the step fails again.</summary>
    private async Task TryHealAsync(bool inline)
    {
        try
        {
            await HealAsync(inline);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Base {Uuid} ({Name}): finishing an interrupted change failed; retrying shortly", Uuid, S.Name);
        }

        if (NeedsHealing)
        {
            EnsureHealTimer();
            await EnsureHealReminderAsync();
        }
    }

    /// <summary>One healing at a time: interleaved reads that find the same intent wait for the same run.</summary>
    private Task HealAsync(bool inline)
    {
        if (_healing is { IsCompleted: false } running)
        {
            return running;
        }

        _healing = HealOnceAsync(inline);
        return _healing;
    }

    private async Task HealOnceAsync(bool inline)
    {
        Tokens.NotifyWithoutWaiting = inline;
        try
        {
            switch (S.Status)
            {
                case DTableStatus.Creating:
                    await FinishCreateAsync();
                    break;
                case DTableStatus.Active or DTableStatus.Trashed:
                    await ReplayPending();
                    await Shares.SyncAccountLists();
                    break;
                // A purge calls grains (tokens, accounts) that may be this read's caller; an interleaved read
                // sees the base as absent meanwhile, which is what the purge ends in.
                case DTableStatus.Purging when !inline:
                    await Trash.Purge();
                    break;
            }
        }
        finally
        {
            Tokens.NotifyWithoutWaiting = false;
        }
    }

    private async Task FinishCreateAsync()
    {
        var claimed = clock.GetUtcNow() - S.CreatedAt < ClaimWindow
            ? await Workspace.TryAddBase(S.Name, Uuid)
            : await Workspace.Resolve(S.Name) == Uuid;
        if (claimed)
        {
            logger.LogInformation("Base {Uuid} ({Name}): finishing its interrupted creation", Uuid, S.Name);
            await CompleteCreate(answered: false);
        }
        else
        {
            logger.LogInformation("Base {Uuid} ({Name}): abandoning its interrupted creation (the name is taken)", Uuid, S.Name);
            await state.ClearStateAsync();
        }
    }

    private bool IsUnansweredCreationOf(DTableDraft draft) =>
        S.Status == DTableStatus.Active && !S.CreateAnswered && S.ImportTaskId is null
        && clock.GetUtcNow() - S.CreatedAt <= RetryWindow
        && S.WorkspaceId == draft.WorkspaceId && S.CreatorId == draft.CreatorId && S.Name == draft.Name
        && S.Color == draft.Color && S.TextColor == draft.TextColor && S.Icon == draft.Icon;

    private void EnsureHealTimer() =>
        // KeepAlive: the activation must not be collected with its intent unfinished.
        _healTimer ??= this.RegisterGrainTimer(HealTickAsync, new GrainTimerCreationOptions(HealDue, HealPeriod) { KeepAlive = true });

    private async Task HealTickAsync(CancellationToken cancellationToken)
    {
        if (NeedsHealing && _operations == 0)
        {
            await TryHealAsync(inline: false);
        }

        if (NeedsImportStart)
        {
            // Not awaited: the task grain may be waiting on this grain right now (cancel, abandon); Start is idempotent.
            GrainFactory.GetGrain<IIoTaskGrain>(S.ImportTaskId!.Value).Start().Ignore();
            _importStarted = true;
        }

        if (!NeedsHealing && !NeedsImportStart)
        {
            _healTimer?.Dispose();
            _healTimer = null;
            await ReleaseHealReminderIfDoneAsync();
        }
    }

    /// <summary>Registered with the intent, so that a lost silo's unfinished change is finished elsewhere.</summary>
    private async Task EnsureHealReminderAsync()
    {
        if (_healReminder is null && S.Status != DTableStatus.Importing)
        {
            _healReminder = await this.RegisterOrUpdateReminder(HealReminderName, HealReminderPeriod, HealReminderPeriod);
        }
    }

    /// <param name="tick">From the reminder's own tick: a fresh activation does not know whether a dead one registered it.</param>
    private async Task ReleaseHealReminderIfDoneAsync(bool tick = false)
    {
        if (NeedsHealing || (_healReminder is null && !tick))
        {
            return;
        }

        // The handle this activation registered saves a read of the reminder table; a fresh activation reads it.
        if ((_healReminder ?? await this.GetReminder(HealReminderName)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _healReminder = null;
    }
}
