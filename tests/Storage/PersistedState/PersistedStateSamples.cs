using SeaTable.Grains.Accounts;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Comments;
using SeaTable.Grains.Content;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;
using SeaTable.Grains.Organizations;
using SeaTable.Grains.Sequences;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Tests.Storage.PersistedState;

/// <summary>
/// One instance of every type kept in Orleans grain state, each field set to a value other than its default
/// (the storage serializer leaves defaults out, and a field left out proves nothing). The payloads in this
/// folder were written from these by the storage of the code before the contracts moved to their own assembly.
/// </summary>
internal static class PersistedStateSamples
{
    private static readonly DateTimeOffset At = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static readonly Guid Base = Guid.Parse("5a1e7b42-9c3d-4f1e-8a2b-6c7d8e9f0a1b");

    /// <summary>The state types by the file name of their captured payload.</summary>
    public static IReadOnlyList<(string Name, Type Type, object Sample)> All { get; } =
    [
        ("account", typeof(AccountState), new AccountState
        {
            Exists = true, ContactEmail = "ann@example.test", Name = "Ann", PasswordHash = "AQAAAAIAAYagAAAAEhash",
            IsStaff = true, IsActive = true, OrgId = 7, IsOrgStaff = true, WorkspaceId = 12, CreatedAt = At,
            ProtectedLoginToken = "CfDJ8protected", SharedBases = [Base],
        }),
        ("account-token", typeof(AccountTokenState), new AccountTokenState { UserId = "0123456789abcdef0123456789abcdef@auth.local" }),
        ("email-index", typeof(EmailIndexState), new EmailIndexState { UserId = "0123456789abcdef0123456789abcdef@auth.local" }),
        ("organization", typeof(OrganizationState), new OrganizationState
        {
            Exists = true, Name = "Team", AdminUserId = "admin@auth.local", UrlPrefix = "org_abc", CreatedAt = At,
            Members = ["admin@auth.local", "bob@auth.local"],
        }),
        ("workspace", typeof(WorkspaceState), new WorkspaceState
        {
            OwnerId = "ann@auth.local", OrgId = 7, Live = new(StringComparer.OrdinalIgnoreCase) { ["Projects"] = Base },
            Trashed = [Guid.Parse("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")],
        }),
        ("sequence", typeof(IdSequenceState), new IdSequenceState { Reserved = 129 }),
        ("dtable", typeof(DTableState), new DTableState
        {
            Status = DTableStatus.Trashed, Id = 42, WorkspaceId = 12, OwnerId = "ann@auth.local", OrgId = 7, Name = "Projects",
            CreatorId = "ann@auth.local", ModifierId = "bob@auth.local", CreatedAt = At, UpdatedAt = At.AddHours(1),
            DeleteTime = At.AddDays(1), Color = "#FF0000", TextColor = "#FFFFFF", Icon = "icon-star",
            Shares = new() { ["bob@auth.local"] = "rw" }, Pending = PendingChange.Restore, PendingName = "Projects 2",
            Version = 9, RowsCount = 1234,
            ApiTokens = new()
            {
                ["MAIL"] = new ApiTokenEntry
                {
                    AppName = "Mail", TokenHash = "ab12", ProtectedToken = "CfDJ8token", Permission = "r",
                    GeneratedBy = "ann@auth.local", GeneratedAt = At,
                },
            },
            ImportTaskId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        }),
        ("apitoken", typeof(ApiTokenState), new ApiTokenState
        {
            Exists = true, DTableUuid = Base, AppName = "Mail", Permission = "rw", GeneratedBy = "ann@auth.local",
            GeneratedAt = At, LastAccess = At.AddMinutes(5), Version = 3, RequestsPerMinute = 60,
            Usage = new ApiTokenUsage(4, new Dictionary<string, long> { ["rows"] = 10, ["sql"] = 2 }, "10.0.0.1", "seatable-api/2",
                At, At.AddMinutes(5)),
        }),
        ("iotask", typeof(IoTaskState), new IoTaskState
        {
            Phase = IoTaskPhase.Running, Kind = IoTaskKind.ImportCsv, OwnerId = "ann@auth.local", DTableUuid = Base,
            WorkspaceId = 12, BaseName = "Imported", PublicUrl = "http://localhost/", IgnoreAsset = true, Progress = 40,
            RowsDone = 500, ResultPath = "io/x/result.dtable", Error = "none yet", CreatedAt = At, EndedAt = At.AddMinutes(2),
            Attempts = 2, StatusConsumed = true,
        }),
        ("content", typeof(BaseContentState), new BaseContentState { ContentJson = "{\"version\":1,\"tables\":[]}" }),
        ("comments", typeof(BaseCommentsState), new BaseCommentsState
        {
            LastId = 7,
            Comments = [new RowComment(7, "R6anZyjkRJK-HGrqkLvVsA", "ann@auth.local", "Looks good", At, At.AddMinutes(3), Resolved: true, Detail: "{\"x\":1}")],
        }),
    ];
}
