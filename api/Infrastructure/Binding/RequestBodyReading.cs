using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.Binding;

/// <summary>
/// SeaTable's body dialect, once for every endpoint: the same call arrives as JSON, form-urlencoded or
/// multipart depending on the client. Before a typed endpoint runs (and after authentication, so a refused
/// caller's body is never read), its body is read into <see cref="RequestFields"/> within the request type's
/// size limit; a body that cannot be read is answered here (400, 413 or 415, with SeaTable's texts) and the
/// endpoint does not run. <see cref="SeaTableRequestBinder{TRequest}"/> then fills the request record.
/// </summary>
public sealed class RequestBodyReading(RequestDelegate next, RequestShapes shapes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>() is { ReqDtoType: { } type }
            && type != typeof(FastEndpoints.EmptyRequest)
            && shapes.Of(type) is { ReadsBodyItself: false } shape
            && (shape.ReadsBodyOnGet || (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))))
        {
            var result = await RequestFieldsReader.ReadAsync(context.Request, context.RequestAborted, shape.MaxBodyBytes);
            if (result.Fields is null)
            {
                await (result.ErrorIsDetail
                    ? ApiErrors.WriteDetailAsync(context, result.Status, result.Error!)
                    : ApiErrors.WriteErrorAsync(context, result.Status, result.Error!));
                return;
            }

            context.Features.Set(result.Fields);
        }

        await next(context);
    }
}

public static class RequestBodyReadingExtensions
{
    public static IApplicationBuilder UseRequestBodyReading(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyReading>();
}
