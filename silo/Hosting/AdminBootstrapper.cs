using System.Data.Common;
using Microsoft.Extensions.Options;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Common;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// On the first start of an empty data folder, creates the system admin. Later starts change nothing:
/// a marker row in seatable_meta records that the bootstrap happened.
/// </summary>
public sealed partial class AdminBootstrapper(
    IGrainFactory grains,
    DbDataSource database,
    IOptions<SiloOptions> options,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    private const string Marker = "admin_bootstrapped";
    internal const string DefaultAdminEmail = "admin@seatable.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await IsBootstrapped(cancellationToken))
        {
            return;
        }

        var configured = options.Value.Admin;
        var email = string.IsNullOrWhiteSpace(configured.Email) ? DefaultAdminEmail : configured.Email.Trim();
        var generated = string.IsNullOrEmpty(configured.Password);
        var password = generated ? Secrets.NewPassword() : configured.Password!;

        var result = await grains.GetGrain<IAccountDirectoryGrain>(0).CreateUser(
            new NewAccount(email, email.Split('@')[0], password, IsStaff: true, IsActive: true));
        if (result.Profile is not null)
        {
            LogAdminCreated(email, result.Profile.Id);
            if (generated)
            {
                // Through the logger rather than Console.WriteLine, so a JSON console stays one JSON object per
                // line. Warning, so a log level raised to Warning still shows it: the password exists nowhere
                // else (it is stored only as a hash).
                LogGeneratedAdmin(email, password);
            }
        }

        await MarkBootstrapped(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> IsBootstrapped(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT COUNT(*) FROM seatable_meta WHERE key = @key");
        AddKey(command);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private async Task MarkBootstrapped(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO seatable_meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING");
        AddKey(command);
        var value = command.CreateParameter();
        value.ParameterName = "value";
        value.Value = DateTimeOffset.UtcNow.ToString("O");
        command.Parameters.Add(value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKey(DbCommand command)
    {
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = Marker;
        command.Parameters.Add(key);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the system admin {Email} ({UserId})")]
    private partial void LogAdminCreated(string email, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "*** System admin created: {Email} / {Password} (shown only this once) ***")]
    private partial void LogGeneratedAdmin(string email, string password);
}
