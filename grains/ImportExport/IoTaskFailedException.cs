namespace SeaTable.Grains.ImportExport;

/// <summary>The input or the base cannot be imported or exported; the message is shown to the client as error_msg.</summary>
public sealed class IoTaskFailedException(string message) : Exception(message);
