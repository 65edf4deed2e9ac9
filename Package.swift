// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "patchbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "patchbook", targets: ["patchbook"]),
        .library(name: "PatchbookKit", targets: ["PatchbookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SHA-256 of the evidence files `check` and `build --evidence` read.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // Debian's libcmark-dev; `apt-get install -y libcmark-dev` on a fresh machine.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Finds the data that ships with patchbook (Content/: catalog and prose; Templates/:
        // layout) at run time: installed under PREFIX/share/patchbook, or the repository's own
        // folders for a build inside it. Not a resource bundle, whose path is the build tree's.
        .target(name: "PatchbookResources"),
        .target(
            name: "PatchbookKit",
            dependencies: [
                "CCmark",
                "PatchbookResources",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "patchbook",
            dependencies: [
                "PatchbookKit",
                "PatchbookResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Debian's libmimalloc-dev) serves every malloc of the process, libc's and
            // libcmark's included, as it is linked before libc: glibc's allocator took a seventh of
            // the wall time of a 1,000-farm build. Only the program: the library keeps the system's.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "PatchbookKitTests",
            // Yams reads the front matter back as a site generator's YAML parser would.
            dependencies: ["PatchbookKit", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
