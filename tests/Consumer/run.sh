#!/usr/bin/env bash
# The consumer's first hour, automated: the packages as a user gets them, and the README's code as a user pastes it.
#
#   bash tests/Consumer/run.sh [PACKAGE_DIR]      (default artifacts/packages; .ci/run packs there first)
#
# 1. A fresh console project outside the solution references Readiness.Core and Readiness.Extensions from PACKAGE_DIR
#    only (package source mapping; its own packages folder, so no stale copy of the same version can be used). Every
#    ```csharp block of README.md and of the packages' READMEs becomes a method of its own (its using directives hoisted), and all of them run in
#    order. A block that ends with a comment paragraph after a blank line states its output: the run must print exactly that.
#    Type declarations at column 0 (a class, record or struct, to its closing brace at column 0) go beside the method, as a
#    program file's types go after its top-level statements; they do not end the block's stated output.
# 2. The same blocks, but for the one binding configuration by reflection (marked RequiresUnreferencedCode), are
#    published with Native AOT and the native program run; the publish must report no trimming or AOT warning.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
packages=$(cd "${1:-$root/artifacts/packages}" && pwd)
version=$(ls "$packages"/Readiness.Core.*.nupkg | grep -v snupkg | sed -E 's/.*Readiness\.Core\.(.*)\.nupkg/\1/' | sort -V | tail -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every source this machine uses, for everything but Readiness.*, which comes from PACKAGE_DIR alone.
machine_sources=$(cd "$work" && dotnet nuget list source --format short | awk '$1 ~ /^E/ { print $2 }')
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo "  <config><add key=\"globalPackagesFolder\" value=\"$work/nuget-packages\" /></config>"
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"readiness-local\" value=\"$packages\" />"
  i=0; for s in $machine_sources; do i=$((i + 1)); echo "    <add key=\"machine-$i\" value=\"$s\" />"; done
  echo '  </packageSources>'
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="readiness-local"><package pattern="Readiness.*" /></packageSource>'
  i=0; for s in $machine_sources; do i=$((i + 1)); echo "    <packageSource key=\"machine-$i\"><package pattern=\"*\" /></packageSource>"; done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} > "$work/nuget.config"

# README blocks → snippets/ReadmeNN.cs, each with its line, its using directives hoisted and its stated output; the
# packages' own READMEs (shown on their package pages) are run too.
mkdir -p "$work/snippets"
readmes=("README.md" "src/Readiness.Core/README.md" "src/Readiness.Extensions/README.md")
for r in "${!readmes[@]}"; do
awk -v dir="$work/snippets" -v prefix="Readme$r" -v source="${readmes[$r]}" '
  function flush(   file, name) {
    name = sprintf("%s_%02d", prefix, n)
    file = dir "/" name ".cs"
    printf "%s\nnamespace Consumer;\n\n/// <summary>%s, the block at line %d.</summary>\ninternal static class %s\n{\n    public const string Expected = \"\"\"\n%s\"\"\";\n\n    public static void Run(string[] args)\n    {\n%s    }\n}\n%s", usings, source, line, name, (expected == "" ? "\n" : expected), body, types > file
    close(file)
  }
  /^```csharp/ { n++; inside = 1; line = NR; usings = ""; body = ""; expected = ""; blank = 0; types = ""; intype = 0; next }
  /^```/ && inside { inside = 0; flush(); next }
  !inside { next }
  /^((public|internal|file|sealed|static|abstract|partial) )*(class|record|struct) / { intype = 1 }
  intype { types = types "\n" $0; if ($0 == "}") intype = 0; next }
  /^using [A-Za-z.]+;$/ { usings = usings $0 "\n"; next }
  /^$/ { blank = 1; body = body "\n"; next }
  /^\/\/ / && blank { expected = expected substr($0, 4) "\n"; body = body "        " $0 "\n"; next }
  { blank = 0; expected = ""; body = body "        " $0 "\n" }
' "$root/${readmes[$r]}"
done

write_project() { # directory, extra properties, snippets to leave out (a grep pattern)
  local dir=$1 properties=$2 leave_out=$3
  mkdir -p "$dir"
  cat > "$dir/Consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <RootNamespace>Consumer</RootNamespace>
    $properties
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Readiness.Core" Version="$version" />
    <PackageReference Include="Readiness.Extensions" Version="$version" />
    <PackageReference Include="Microsoft.Extensions.Hosting" Version="8.0.1" />
  </ItemGroup>
</Project>
PROJECT
  {
    echo 'using System.Text;'
    echo 'namespace Consumer;'
    echo 'internal static class Program'
    echo '{'
    echo '    private static int Main(string[] args)'
    echo '    {'
    echo '        var failures = 0;'
    for file in "$work"/snippets/Readme*.cs; do
      name=$(basename "$file" .cs)
      if [ -n "$leave_out" ] && grep -q "$leave_out" "$file"; then continue; fi
      cp "$file" "$dir/"
      echo "        failures += Check(\"$name\", $name.Expected, () => $name.Run(args));"
    done
    echo '        return failures;'
    echo '    }'
    echo ''
    echo '    private static int Check(string name, string expected, Action run)'
    echo '    {'
    echo '        var console = Console.Out;'
    echo '        var output = new StringWriter();'
    echo '        Console.SetOut(output);'
    echo '        try { run(); } finally { Console.SetOut(console); }'
    echo '        Console.WriteLine($"== {name}");'
    echo '        Console.Write(output);'
    echo '        var printed = output.ToString().ReplaceLineEndings("\n").TrimEnd();'
    echo '        if (expected.Trim().Length == 0 || printed == expected.ReplaceLineEndings("\n").TrimEnd()) return 0;'
    echo '        Console.WriteLine($"!! {name} printed the above; the README says:\n{expected}");'
    echo '        return 1;'
    echo '    }'
    echo '}'
  } > "$dir/Program.cs"
  cp "$work/nuget.config" "$dir/"
}

echo "== consumer: the README's code against the packages in $packages (version $version)"
write_project "$work/consumer" "" ""
(cd "$work/consumer" && dotnet run)

echo "== consumer, Native AOT: publish must report no trimming or AOT warning"
write_project "$work/aot" "<PublishAot>true</PublishAot><InvariantGlobalization>true</InvariantGlobalization>" "AddReadiness(builder.Configuration"
publish_log="$work/publish.log"
(cd "$work/aot" && dotnet publish -c Release -r linux-x64 -o "$work/aot/out") > "$publish_log" 2>&1 || { cat "$publish_log" >&2; exit 1; }
if grep -E "warning (IL[0-9]+|AOT)" "$publish_log"; then
  echo "the Native AOT publish reported the warnings above" >&2
  exit 1
fi
"$work/aot/out/Consumer" > /dev/null
echo "Native AOT: published and ran without warnings"
