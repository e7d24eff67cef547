import Foundation
import Testing
@testable import GuardrailEngine

/// Reading a whole file, with and without the size a `stat` found.
@Suite struct FileReaderTests {
    @Test func readsEveryByteWhateverTheExpectedSize() throws {
        let dir = engineTempDir("reader")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.py"
        let text = String(repeating: "x = 1\n", count: 20_000)
        writeFile(text, to: path)
        let bytes = Array(text.utf8)
        // The file grew since the stat, shrank, or is as it was.
        for expected in [nil, 0, 7, bytes.count - 1, bytes.count, bytes.count + 1, 3 * bytes.count] {
            #expect(try FileReader.readAll(path, expectedSize: expected) == bytes, "\(String(describing: expected))")
        }
        #expect(try FileReader.readAllStamped(path).bytes == bytes)
        writeFile("", to: path)
        #expect(try FileReader.readAll(path, expectedSize: 100).isEmpty)
        #expect(try FileReader.readAllStamped(path).bytes.isEmpty)
    }

    /// Files that say they are empty and are not (`/proc`) are read to their end.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "no /proc"))
    func readsFilesWhoseSizeSaysNothing() throws {
        let status = try FileReader.readAll("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
        #expect(try !FileReader.readAllStamped("/proc/self/status").bytes.isEmpty)
    }

    @Test func namesWhatGoesWrong() {
        let dir = engineTempDir("reader")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileReader.Failure.vanished) { try FileReader.readAll(dir + "/gone.py", expectedSize: 10) }
        // A directory where a file was a moment ago.
        #expect(throws: FileReader.Failure.other("is a directory")) { try FileReader.readAll(dir, expectedSize: 10) }
        #expect(throws: FileReader.Failure.other("is a directory")) { try FileReader.readAll(dir) }
    }
}
