using Microsoft.Extensions.Options;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// Turns a configuration failure at start into the lines an operator reads: one per bad setting, naming it and
/// what it must be. Anything else is not a settings problem and keeps its stack trace.
/// </summary>
public static class SettingErrors
{
    /// <summary>EX_CONFIG of sysexits.h: "something was found in an unconfigured or misconfigured state".</summary>
    public const int ExitCode = 78;

    private const string BinderFailure = "Failed to convert configuration value";

    /// <summary>The operator-facing lines, or null when <paramref name="exception"/> is not about settings.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                return validation.Failures.Select(OneLine).ToList();
            case InvalidOperationException binder when binder.Message.StartsWith(BinderFailure, StringComparison.Ordinal):
                // A value our own conversion check did not see (a framework section): the binder names the path.
                return [OneLine(binder.Message)];
            case AggregateException aggregate:
                var inner = aggregate.Flatten().InnerExceptions.Select(Describe).ToList();
                return inner.Count > 0 && inner.All(lines => lines is not null) ? inner.SelectMany(lines => lines!).Distinct().ToList() : null;
            default:
                return null;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
