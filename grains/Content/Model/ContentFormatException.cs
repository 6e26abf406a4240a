namespace SeaTable.Grains.Content.Model;

/// <summary>A content.json that cannot be a base (not an object, a table without id or name, ...).</summary>
public sealed class ContentFormatException(string message) : Exception(message);
