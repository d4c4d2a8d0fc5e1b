using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Tests.Support;

namespace GeoFlowNetSar.Raster.Tests.Metadata;

/// <summary>Expected numbers come from gdalinfo 3.6.2 on the fixtures and from the SAFE annotation XML.</summary>
public class RasterInfoTests
{
    [Fact]
    public void PyroSar_geotiff()
    {
        var info = RasterInfo.Read(SharedData.PyroSarDb);
        Assert.Equal("GTiff", info.Driver);
        Assert.Equal((268, 217, 1), (info.Width, info.Height, info.BandCount));
        Assert.Equal(RasterDataType.Float32, info.DataType);
        Assert.Equal(new GeoTransform(620048.241204, 20, 0, 4830114.70107, 0, -20), info.GeoTransform);
        Assert.Contains("WGS 84 / UTM zone 31N", info.Projection);
        Assert.Empty(info.Gcps);
        Assert.Equal(-99.0, info.Bands[0].NoData);
        Assert.Equal((268, 7), (info.Bands[0].BlockWidth, info.Bands[0].BlockHeight));
        Assert.Equal(new PixelSpacing(20, 20, PixelSpacingSource.GeoTransform), info.PixelSpacing);
        Assert.True(info.HasGeoreferencing);
    }

    [Fact]
    public void BigEarthNet_geotiff()
    {
        var info = RasterInfo.Read(SharedData.BigEarthNetDb);
        Assert.Equal((120, 120, 1), (info.Width, info.Height, info.BandCount));
        Assert.Equal(RasterDataType.Float32, info.DataType);
        Assert.Equal(new GeoTransform(373200, 10, 0, 5352000, 0, -10), info.GeoTransform);
        Assert.Contains("WGS 84 / UTM zone 33N", info.Projection);
        Assert.Null(info.Bands[0].NoData);
        Assert.Equal(new PixelSpacing(10, 10, PixelSpacingSource.GeoTransform), info.PixelSpacing);
    }

    [Theory]
    [InlineData("uavsar-slc-sanand-129.h5", 200, 150)]
    [InlineData("uavsar-slc-sanand-138.h5", 400, 150)]
    public void Hdf5_subdataset(string file, int width, int height)
    {
        var info = RasterInfo.Read(SharedData.Hdf5Subdataset(Path.Combine(SharedData.Directory, file)));
        Assert.Equal("HDF5Image", info.Driver);
        Assert.Equal((width, height, 1), (info.Width, info.Height, info.BandCount));
        Assert.Equal(RasterDataType.CFloat32, info.DataType);
        Assert.Null(info.GeoTransform);
        Assert.Equal("", info.Projection);
        Assert.Empty(info.Gcps);
        Assert.False(info.HasGeoreferencing);
        Assert.Equal(PixelSpacingSource.Unknown, info.PixelSpacing.Source);
        Assert.False(info.PixelSpacing.IsKnown);
    }

    [Fact]
    public void Hdf5_subdataset_by_short_name()
    {
        var info = RasterInfo.Read(SharedData.Uavsar138, subdataset: "frequencyA/HH");
        Assert.Equal((400, 150), (info.Width, info.Height));
        Assert.EndsWith("//science/LSAR/SLC/swaths/frequencyA/HH", info.Name);
    }

    [Fact]
    public void Hdf5_container_lists_its_subdatasets()
    {
        var info = RasterInfo.Read(SharedData.Uavsar129);
        Assert.Equal(0, info.BandCount);
        Assert.Equal(15, info.Subdatasets.Count);
        Assert.Equal(SharedData.Hdf5Subdataset(SharedData.Uavsar129), info.Subdatasets[11].Name);
        Assert.Contains("complex, 32-bit floating-point", info.Subdatasets[11].Description);
    }

    [Fact]
    public void Safe_measurement_tiff_has_gcps_and_annotation_spacing()
    {
        var info = RasterInfo.Read(SharedData.SafeMeasurement);
        Assert.Equal("GTiff", info.Driver);
        Assert.Equal((22694, 13509, 1), (info.Width, info.Height, info.BandCount));
        Assert.Equal(RasterDataType.CFloat32, info.DataType);
        Assert.Null(info.GeoTransform);
        Assert.Equal(210, info.Gcps.Count);
        Assert.Equal(new GroundControlPoint("1", "", 0, 0, 11.0945582957594, 40.94730650708858, 0.0002937298268079758), info.Gcps[0]);
        Assert.Equal(new GroundControlPoint("2", "", 1135, 0, 11.15499846871288, 40.95611631111598, 0.0002869535237550735), info.Gcps[1]);
        Assert.Equal(new GroundControlPoint("210", "", 22693, 13508, 11.84598437674374, 42.61500680059646, 350.9787979349494), info.Gcps[209]);
        Assert.Contains("WGS 84", info.GcpProjection);
        Assert.True(info.HasGeoreferencing);
        // annotation: <rangePixelSpacing>2.329562e+00</rangePixelSpacing>, <azimuthPixelSpacing>1.395000e+01</azimuthPixelSpacing>
        Assert.Equal(new PixelSpacing(2.329562, 13.95, PixelSpacingSource.SafeAnnotation), info.PixelSpacing);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Safe_folder_or_manifest(bool manifest)
    {
        var info = RasterInfo.Read(manifest ? SharedData.SafeManifest : SharedData.SafeFolder);
        Assert.Equal("SAFE", info.Driver);
        Assert.Equal((22694, 13509, 1), (info.Width, info.Height, info.BandCount));
        // The SAFE driver declares the product's native CInt16 (the fixture's TIFF itself is CFloat32).
        Assert.Equal(RasterDataType.CInt16, info.DataType);
        Assert.Equal(210, info.Gcps.Count);
        Assert.Equal(5, info.Subdatasets.Count);
        Assert.Equal(new PixelSpacing(2.329562, 13.95, PixelSpacingSource.SafeAnnotation), info.PixelSpacing);
    }

    [Fact]
    public void Safe_subdataset_by_swath_and_polarisation()
    {
        var info = RasterInfo.Read(SharedData.SafeFolder, subdataset: "IW1_VV");
        Assert.StartsWith("SENTINEL1_CALIB:UNCALIB:", info.Name);
        Assert.EndsWith(":IW1_VV:COMPLEX", info.Name);
        Assert.Equal((22694, 13509), (info.Width, info.Height));
        Assert.Equal(new PixelSpacing(2.329562, 13.95, PixelSpacingSource.SafeAnnotation), info.PixelSpacing);
    }

    [Fact]
    public void Annotation_reader_and_lookup()
    {
        Assert.Equal(SharedData.SafeAnnotationXml, SafeAnnotation.FindForMeasurement(SharedData.SafeMeasurement));
        Assert.Null(SafeAnnotation.FindForMeasurement(SharedData.PyroSarDb));
        Assert.Equal(new PixelSpacing(2.329562, 13.95, PixelSpacingSource.SafeAnnotation), SafeAnnotation.TryReadPixelSpacing(SharedData.SafeAnnotationXml));
        Assert.Null(SafeAnnotation.TryReadPixelSpacing(SharedData.SafeManifest));
        Assert.Null(SafeAnnotation.TryReadPixelSpacing(Path.Combine(SharedData.Directory, "missing.xml")));
    }

    [Fact]
    public void Spacing_from_the_command_line()
    {
        var spacing = PixelSpacing.FromCommandLine(2.3, 13.9);
        Assert.True(spacing.IsKnown);
        Assert.Equal(PixelSpacingSource.CommandLine, spacing.Source);
        Assert.Throws<ArgumentOutOfRangeException>(() => PixelSpacing.FromCommandLine(0, 13.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => PixelSpacing.FromCommandLine(2.3, double.NaN));
        Assert.False(PixelSpacing.Unknown.IsKnown);
    }

    [Fact]
    public void Geographic_degrees_are_not_metres()
    {
        Assert.False(ProjectionUnits.IsProjectedInMetres("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]"));
        Assert.True(ProjectionUnits.IsProjectedInMetres(RasterInfo.Read(SharedData.BigEarthNetDb).Projection));
        Assert.False(ProjectionUnits.IsProjectedInMetres(""));
        Assert.False(ProjectionUnits.IsProjectedInMetres("not wkt"));
    }
}
