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
    ],
    targets: [
        // Debian's libcmark-dev; `apt-get install -y libcmark-dev` on a fresh machine.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The data that ships with patchbook (Content/: catalog and prose; Templates/: layout). It
        // lives at the top of the repository so that content and code stay apart; this target only
        // bundles it.
        .target(
            name: "PatchbookResources",
            path: ".",
            exclude: ["Sources/CCmark", "Sources/PatchbookKit", "Sources/patchbook", "Tests", "README.md",
                      "Makefile", "examples", "benchmarks", "docs"],
            sources: ["Sources/PatchbookResources"],
            resources: [.copy("Content"), .copy("Templates")]
        ),
        .target(
            name: "PatchbookKit",
            dependencies: [
                "CCmark",
                "PatchbookResources",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "patchbook",
            dependencies: [
                "PatchbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PatchbookKitTests",
            dependencies: ["PatchbookKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
