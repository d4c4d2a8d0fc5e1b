global using GeoFlowNetSar.Storage;

// Two in-process clusters and libtorch share two cores: one test at a time keeps each test in seconds.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
