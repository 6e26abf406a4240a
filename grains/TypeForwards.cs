using System.Runtime.CompilerServices;

// Grain state rows name their types with this assembly ("$type": "…, SeaTable.Grains"). A type that moved
// to the contracts but is held in persisted state is forwarded from here, so rows written before the move
// still load (tests/Storage/PersistedState proves it for every state type). The enums are stored as
// numbers today; they are forwarded as well, so a collection of them in a state would load too.
[assembly: TypeForwardedTo(typeof(SeaTable.Grains.ApiTokens.ApiTokenUsage))]
[assembly: TypeForwardedTo(typeof(SeaTable.Grains.ImportExport.IoTaskKind))]
[assembly: TypeForwardedTo(typeof(SeaTable.Grains.ImportExport.IoTaskPhase))]
[assembly: TypeForwardedTo(typeof(SeaTable.Grains.Comments.RowComment))]
