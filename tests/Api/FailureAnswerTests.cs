using Orleans.Runtime;
using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.WriteOutcomes;

namespace SeaTable.Tests.Api;

/// <summary>Issue 16: a failure that may have left a write applied never invites a blind retry.</summary>
public sealed class FailureAnswerTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new TimeoutException("grain call timed out"),
        new SiloUnavailableException("silo died"),
        new InvalidOperationException("wrapped", new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_transient_failure_that_changed_nothing_is_503_with_retry_after(Exception exception)
    {
        var answer = TransientFailures.AnswerFor(exception);

        Assert.NotNull(answer);
        Assert.Equal(503, answer.Status);
        Assert.Equal(1, answer.RetryAfterSeconds);
        Assert.False(answer.OutcomeUnknown);
    }

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_write_with_an_unknown_outcome_is_504_outcome_unknown_without_retry_after(Exception exception)
    {
        var answer = TransientFailures.AnswerFor(new WriteOutcomeUnknownException(exception));

        Assert.NotNull(answer);
        Assert.Equal(504, answer.Status);
        Assert.Null(answer.RetryAfterSeconds);
        Assert.True(answer.OutcomeUnknown);
        Assert.StartsWith("The outcome of this write is unknown: ", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_failure_has_no_answer_here_and_stays_500()
    {
        Assert.Null(TransientFailures.AnswerFor(new InvalidOperationException("bug")));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("POST", false)]
    [InlineData("PUT", false)]
    [InlineData("DELETE", false)]
    public void Only_reads_are_retried_blindly(string method, bool read)
    {
        Assert.Equal(read, WriteOutcomeGuard.IsRead(method));
    }
}
