using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>What <see cref="ContentJsonParser"/> hands over, one piece at a time; each element lives only during the call.</summary>
internal interface IContentJsonHandler
{
    /// <summary>A top-level member other than "tables" (version, settings, links, collaborators, ...).</summary>
    void Member(string name, JsonElement value);

    /// <summary>The "tables" list opens; <see cref="TablesEnd"/> closes it.</summary>
    void TablesStart() { }

    void TablesEnd() { }

    void TableStart(int index);

    /// <summary>A member of the current table other than "rows" (_id, name, columns, views, ...).</summary>
    void TableMember(string name, JsonElement value);

    /// <summary>The current table's "rows" list opens; <see cref="RowsEnd"/> closes it.</summary>
    void RowsStart() { }

    void RowsEnd() { }

    /// <summary>One element of the current table's "rows" (not necessarily an object: the handler checks).</summary>
    void Row(JsonElement row);

    void TableEnd();
}

/// <summary>
/// Reads a content.json (reference 7.5) fed to it in blocks of any size, and hands it over in pieces: each
/// top-level member, each table member, each row. Only the piece being read is held, never the whole
/// document, so a base of any size is read in the memory of its largest single row or member. The blocks
/// may arrive over several calls (an import streamed in by grain calls), which is why the parser is fed
/// rather than reading a stream itself. System.Text.Json has no reader of this shape: its streaming reader
/// gives single tokens, its document and serializer want the whole text.
/// </summary>
internal sealed class ContentJsonParser(IContentJsonHandler handler, int maxPieceBytes = int.MaxValue)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private JsonReaderState _state = new(ReaderOptions);
    private Stage _stage = Stage.Start;
    private int _table = -1;
    private bool _bomChecked;

    private enum Stage
    {
        Start,
        TopLevel,
        Tables,
        Table,
        Rows,
        Trailing,
        Done,
    }

    /// <summary>Whether the document had a "tables" member (a base always has one).</summary>
    public bool SawTables { get; private set; }

    /// <summary>Reads every piece <paramref name="block"/> completes; keeps the incomplete rest for the next block.</summary>
    public void Feed(ReadOnlySpan<byte> block)
    {
        if (_stage == Stage.Done)
        {
            throw new ContentFormatException("content.json continues after its end.");
        }

        Append(block);
        if (!_bomChecked)
        {
            return;
        }

        Process(isFinal: false);
        if (_end - _start > maxPieceBytes)
        {
            throw new ContentFormatException($"content.json holds a single value larger than {maxPieceBytes} bytes.");
        }
    }

    /// <summary>The end of the input: throws unless the document is complete.</summary>
    public void Complete()
    {
        if (_stage != Stage.Done)
        {
            Process(isFinal: true);
        }

        _buffer = [];
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end; <paramref name="afterBlock"/>, when given, runs after each
    /// block with the bytes read so far (a caller passes its output on there).
    /// </summary>
    public async Task ReadAsync(Stream stream, CancellationToken cancellationToken, Func<long, ValueTask>? afterBlock = null)
    {
        var block = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(block, cancellationToken)) > 0)
        {
            Feed(block.AsSpan(0, read));
            total += read;
            if (afterBlock is not null)
            {
                await afterBlock(total);
            }
        }

        Complete();
    }

    private void Append(ReadOnlySpan<byte> block)
    {
        if (_end + block.Length > _buffer.Length)
        {
            var pending = _end - _start;
            var target = _buffer;
            if (pending + block.Length > _buffer.Length)
            {
                target = new byte[Math.Max(Math.Max(_buffer.Length * 2, 64 * 1024), pending + block.Length)];
            }

            _buffer.AsSpan(_start, pending).CopyTo(target);
            _buffer = target;
            _start = 0;
            _end = pending;
        }

        block.CopyTo(_buffer.AsSpan(_end));
        _end += block.Length;
        if (!_bomChecked)
        {
            // A byte-order mark may arrive split over blocks: decided once three bytes are here or they cannot be one.
            ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
            var pending = _buffer.AsSpan(_start, _end - _start);
            if (pending.Length >= bom.Length || !bom.StartsWith(pending))
            {
                _bomChecked = true;
                _start += pending.StartsWith(bom) ? bom.Length : 0;
            }
        }
    }

    /// <summary>
    /// Each step reads from the last committed position with the state saved there; a step that runs out of
    /// bytes commits nothing and is repeated whole when more arrive.
    /// </summary>
    private void Process(bool isFinal)
    {
        while (_stage != Stage.Done)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinal, _state);
            if (!Step(ref reader))
            {
                if (isFinal)
                {
                    throw new ContentFormatException("content.json ends before it is complete.");
                }

                return;
            }

            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }

    private bool Step(ref Utf8JsonReader reader)
    {
        switch (_stage)
        {
            case Stage.Start:
                if (!reader.Read())
                {
                    return false;
                }

                _stage = reader.TokenType == JsonTokenType.StartObject ? Stage.TopLevel : throw Shape("the top level is not an object");
                return true;

            case Stage.TopLevel:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _stage = Stage.Trailing;
                    return true;
                }

                var name = reader.GetString()!;
                if (name == "tables")
                {
                    if (!reader.Read())
                    {
                        return false;
                    }

                    SawTables = SawTables ? throw Shape("\"tables\" appears twice") : true;
                    _stage = reader.TokenType == JsonTokenType.StartArray ? Stage.Tables : throw Shape("\"tables\" is missing or not a list");
                    handler.TablesStart();
                    return true;
                }

                if (!reader.Read() || !Complete(ref reader, out var member))
                {
                    return false;
                }

                using (var document = JsonDocument.Parse(member, DocumentOptions))
                {
                    handler.Member(name, document.RootElement);
                }

                return true;

            case Stage.Tables:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _stage = Stage.TopLevel;
                    handler.TablesEnd();
                    return true;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Shape($"tables[{_table + 1}] is not an object");
                }

                _stage = Stage.Table;
                handler.TableStart(++_table);
                return true;

            case Stage.Table:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _stage = Stage.Tables;
                    handler.TableEnd();
                    return true;
                }

                var tableMember = reader.GetString()!;
                if (!reader.Read())
                {
                    return false;
                }

                if (tableMember == "rows")
                {
                    _stage = reader.TokenType == JsonTokenType.StartArray ? Stage.Rows : throw Shape($"tables[{_table}].rows is not a list");
                    handler.RowsStart();
                    return true;
                }

                if (!Complete(ref reader, out var value))
                {
                    return false;
                }

                using (var document = JsonDocument.Parse(value, DocumentOptions))
                {
                    handler.TableMember(tableMember, document.RootElement);
                }

                return true;

            case Stage.Rows:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _stage = Stage.Table;
                    handler.RowsEnd();
                    return true;
                }

                if (!Complete(ref reader, out var row))
                {
                    return false;
                }

                using (var document = JsonDocument.Parse(row, DocumentOptions))
                {
                    handler.Row(document.RootElement);
                }

                return true;

            case Stage.Trailing:
                if (reader.Read())
                {
                    throw new ContentFormatException("content.json continues after its end.");
                }

                if (!reader.IsFinalBlock)
                {
                    return false;
                }

                _stage = Stage.Done;
                return true;

            default:
                return false;
        }
    }

    /// <summary>With the reader on a value's first token: the whole value, or false when it is not all here yet.</summary>
    private bool Complete(ref Utf8JsonReader reader, out ReadOnlyMemory<byte> value)
    {
        var start = reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            value = default;
            return false;
        }

        value = _buffer.AsMemory(_start + (int)start, (int)(reader.BytesConsumed - start));
        return true;
    }

    private static ContentFormatException Shape(string why) => new($"content.json is not a SeaTable base: {why}.");
}
