using System.Text.Json;
using SeaTable.Api.Features.Sql;
using SeaTable.Grains.Content;

namespace SeaTable.Tests.Sql.Api;

/// <summary>Each kind of SQL error in SeaTable's status and body (sql-reference.md 3): what the grain answers becomes exactly this.</summary>
public sealed class SqlErrorBodiesTests
{
    public static TheoryData<SqlError, int> Statuses => new()
    {
        { SqlError.None, 200 },
        { SqlError.NoContent, 404 },
        { SqlError.Syntax, 400 },
        { SqlError.Invalid, 400 },
        { SqlError.Forbidden, 403 },
        { SqlError.NotSupported, 400 },
        { SqlError.LimitExceeded, 400 },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Each_error_has_seatable_status(SqlError error, int status) => Assert.Equal(status, SqlErrorBodies.Status(error));

    [Fact]
    public void Every_error_kind_is_mapped_to_a_4xx()
    {
        foreach (var error in Enum.GetValues<SqlError>().Where(e => e != SqlError.None))
        {
            Assert.InRange(SqlErrorBodies.Status(error), 400, 499);
        }
    }

    [Theory]
    [InlineData(SqlError.Syntax, "syntax error at position 7", "syntax error at position 7")]
    [InlineData(SqlError.Invalid, "no such table: Nope", "no such table: Nope")]
    [InlineData(SqlError.NotSupported, "base not found", "base not found")]
    [InlineData(SqlError.LimitExceeded, "SQL longer than 100000 characters", "SQL longer than 100000 characters")]
    [InlineData(SqlError.Forbidden, "Permission denied.", "Permission denied.")]
    [InlineData(SqlError.Forbidden, null, "Permission denied.")]
    [InlineData(SqlError.Invalid, "", "sql invalid.")]
    public void Errors_answer_success_false_and_the_message(SqlError error, string? message, string expected) =>
        Assert.Equal($$"""{"success":false,"error_message":{{JsonSerializer.Serialize(expected)}}}""", Serialize(SqlErrorBodies.Body(error, message)));

    [Fact]
    public void A_base_without_content_is_the_house_base_not_found() =>
        Assert.Equal("""{"error_msg":"dtable not found."}""", Serialize(SqlErrorBodies.Body(SqlError.NoContent, "anything")));

    private static string Serialize(Dictionary<string, object> body) => JsonSerializer.Serialize(body, SeaTable.Api.Infrastructure.ApiErrors.Options);
}
