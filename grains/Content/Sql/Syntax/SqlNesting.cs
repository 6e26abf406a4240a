using Superpower.Model;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// The check on the tokens before parsing that keeps the recursive parsers' stack shallow: parentheses nested
/// deeper than the depth bound, or a run of more prefix operators (NOT, -) than the bound, are refused at once.
/// (Nested parentheses are the only recursion of <see cref="SqlGrammar"/>; a run of n prefix operators would make
/// a node of depth n at least.) Also collects the positions of the "?" placeholders.
/// </summary>
internal static class SqlNesting
{
    public static int[] Check(TokenList<SqlToken> tokens, int maxDepth)
    {
        var depth = 0;
        var run = 0;
        List<int>? placeholders = null;
        foreach (var token in tokens)
        {
            var position = token.Span.Position.Absolute + 1;
            switch (token.Kind)
            {
                case SqlToken.LParen when ++depth > maxDepth:
                    throw SqlSyntaxErrors.TooDeep(position, maxDepth);
                case SqlToken.RParen:
                    depth = Math.Max(0, depth - 1);
                    break;
                case SqlToken.Question:
                    (placeholders ??= []).Add(position);
                    break;
            }

            run = token.Kind is SqlToken.Not or SqlToken.Minus ? run + 1 : 0;
            if (run > maxDepth)
            {
                throw SqlSyntaxErrors.TooDeep(position, maxDepth);
            }
        }

        return placeholders?.ToArray() ?? [];
    }
}
