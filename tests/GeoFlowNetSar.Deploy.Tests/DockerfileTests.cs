using System.Text.RegularExpressions;

namespace GeoFlowNetSar.Deploy.Tests;

/// <summary>Static checks of docker/*.Dockerfile and .dockerignore (no Docker engine in the development workplace).</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new() { "silo-cpu.Dockerfile", "silo-gpu.Dockerfile", "client.Dockerfile" };

    /// <summary>An image reference with an explicit tag other than latest, or a digest.</summary>
    public static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:")) return true;
        int slash = image.LastIndexOf('/');
        int colon = image.IndexOf(':', slash + 1);
        if (colon < 0) return false;
        string tag = image[(colon + 1)..];
        return tag.Length > 0 && tag != "latest" && !tag.Contains('$');
    }

    /// <summary>Logical instructions (continuation lines joined, comments dropped): (INSTRUCTION, arguments).</summary>
    private static List<(string Instruction, string Arguments)> Instructions(string file)
    {
        var result = new List<(string, string)>();
        string pending = "";
        foreach (string raw in File.ReadAllLines(Repo.PathOf("docker", file)))
        {
            string line = raw.TrimStart();
            if (pending.Length == 0 && (line.StartsWith('#') || line.Length == 0)) continue;
            if (line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            string full = (pending + line).Trim();
            pending = "";
            int space = full.IndexOf(' ');
            result.Add(space < 0 ? (full.ToUpperInvariant(), "") : (full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Base_images_are_pinned_by_tag(string file)
    {
        var instructions = Instructions(file);
        var args = new Dictionary<string, string>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int froms = 0;
        foreach (var (instruction, arguments) in instructions)
        {
            if (instruction == "ARG" && arguments.Split('=', 2) is [var name, var value])
                args.TryAdd(name.Trim(), value.Trim().Trim('"'));
            if (instruction != "FROM") continue;
            froms++;
            string[] parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--")).ToArray();
            string image = Regex.Replace(parts[0], @"\$\{?(\w+)\}?", m => args.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
            if (!stages.Contains(image))
                Assert.True(IsPinned(image), $"{file}: FROM {parts[0]} → {image} is not pinned by tag");
            if (parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                stages.Add(parts[2]);
        }
        Assert.True(froms >= 2, $"{file}: expected a multi-stage build");
        Assert.Contains(instructions, i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet publish") && i.Arguments.Contains("linux-x64"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Final_stage_runs_as_a_fixed_non_root_uid_with_a_healthcheck_and_no_secrets(string file)
    {
        var instructions = Instructions(file);
        int lastFrom = instructions.FindLastIndex(i => i.Instruction == "FROM");
        var final = instructions.Skip(lastFrom).ToList();

        var user = final.LastOrDefault(i => i.Instruction == "USER");
        Assert.True(user.Instruction == "USER", $"{file}: the final stage has no USER");
        string uid = user.Arguments.Split(':')[0];
        Assert.True(int.TryParse(uid, out int number) && number > 0, $"{file}: USER {user.Arguments} must be a fixed non-zero UID");

        var health = final.SingleOrDefault(i => i.Instruction == "HEALTHCHECK");
        Assert.True(health.Instruction == "HEALTHCHECK", $"{file}: no HEALTHCHECK");
        if (file.StartsWith("silo"))
        {
            Assert.Contains("/healthz", health.Arguments);
            Assert.Contains(final, i => i.Instruction == "RUN" && i.Arguments.Contains("--no-install-recommends"));
            Assert.Contains(final, i => i.Instruction == "ENV" && Regex.IsMatch(i.Arguments, @"GeoFlowNetSar__Roles=" + (file.Contains("gpu") ? "gpu" : "cpu") + @"\b"));
        }
        Assert.Contains(final, i => i.Instruction == "ENV" && i.Arguments.Contains("TMPDIR=/tmp"));

        foreach (var (instruction, arguments) in instructions.Where(i => i.Instruction is "ENV" or "ARG"))
            Assert.DoesNotMatch(new Regex(@"(?i)(password|secret|accountkey|token|connectionstring)\s*=", RegexOptions.None), arguments);
    }

    [Fact]
    public void Silo_cpu_image_installs_debian_12_gdal_and_gpu_image_selects_libtorch_by_build_arg()
    {
        var cpu = Instructions("silo-cpu.Dockerfile");
        Assert.Contains(cpu, i => i.Instruction == "RUN" && i.Arguments.Contains("libgdal32"));
        Assert.Contains(cpu, i => i.Instruction == "ARG" && (i.Arguments.Contains("bookworm") || i.Arguments.Contains("debian:12")));

        var gpu = Instructions("silo-gpu.Dockerfile");
        Assert.Contains(gpu, i => i.Instruction == "ARG" && i.Arguments.StartsWith("LIBTORCH_PACKAGE="));
        Assert.Contains(gpu, i => i.Instruction == "RUN" && i.Arguments.Contains("${LIBTORCH_PACKAGE}"));
        Assert.Contains(gpu, i => i.Instruction == "ARG" && i.Arguments.Contains("nvidia/cuda:"));
    }

    [Fact]
    public void Dockerignore_keeps_build_output_git_and_secrets_out_of_the_context()
    {
        var lines = File.ReadAllLines(Repo.PathOf(".dockerignore")).Select(l => l.Trim()).ToHashSet();
        foreach (string pattern in new[] { "**/bin/", "**/obj/", ".git/", ".tools/", "**/.env" })
            Assert.Contains(pattern, lines);
    }
}
