using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Synthesis.Textures;

namespace GeoFlowNetSar.Cli.Tests.Support;

internal static class TestRasters
{
    public static void Speckle(string path, int width, int height, int seed = 1, double dx = 0, double dy = 0) =>
        GeoTiffWriter.WriteFloat32(path, [new PlaneWaveField(300, 0.25, seed).Amplitude(width, height, dx, dy)]);

    public static void Filled(string path, int width, int height, float value)
    {
        var image = new FloatImage(width, height);
        image.Pixels.AsSpan().Fill(value);
        GeoTiffWriter.WriteFloat32(path, [image]);
    }

    /// <summary>A VRT window onto a (possibly huge) raster, so a test reads a small part of a real file.</summary>
    public static void Crop(string vrtPath, string source, int x, int y, int width, int height, string dataType)
    {
        File.WriteAllText(vrtPath, $"""
            <VRTDataset rasterXSize="{width}" rasterYSize="{height}">
              <VRTRasterBand dataType="{dataType}" band="1">
                <SimpleSource>
                  <SourceFilename relativeToVRT="0">{source}</SourceFilename>
                  <SourceBand>1</SourceBand>
                  <SrcRect xOff="{x}" yOff="{y}" xSize="{width}" ySize="{height}" />
                  <DstRect xOff="0" yOff="0" xSize="{width}" ySize="{height}" />
                </SimpleSource>
              </VRTRasterBand>
            </VRTDataset>
            """);
    }
}
