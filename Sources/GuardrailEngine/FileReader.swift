#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - FileReader

/// Reads a whole file into `[UInt8]` with one allocation and no Foundation.
public enum FileReader {
    public enum Failure: Error, Equatable {
        /// The file disappeared between discovery and reading.
        case vanished
        /// Anything else, with the system's words.
        case other(String)
    }

    /// The whole file at `path`: read to its end, or without `expectedSize`
    /// for a regular file, to the size `fstat` gives once it is open (no
    /// second `read` to find the end).
    /// - Parameter expectedSize: the size a `stat` of the regular file found
    ///   a moment ago, which spares the `fstat`: the read goes on past it if
    ///   the file grew, and stops short if it shrank.
    public static func readAll(_ path: String, expectedSize: Int? = nil) throws(Failure) -> [UInt8] {
        try readAll(path, expectedSize: expectedSize, status: nil)
    }

    /// `readAll`, with the stamp `fstat` gave of the open file (nil when it
    /// is no regular file): no second lookup of its path.
    static func readAllStamped(_ path: String) throws(Failure) -> (bytes: [UInt8], stamp: ResultCache.FileStamp?) {
        var status = stat()
        let bytes = try readAll(path, expectedSize: nil, status: &status)
        return (bytes, (status.st_mode & S_IFMT) == S_IFREG ? ResultCache.FileStamp.of(status).stamp : nil)
    }

    private static func readAll(_ path: String, expectedSize: Int?, status: UnsafeMutablePointer<stat>?) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw .vanished }
            throw .other(describe(code))
        }
        defer { close(fd) }
        var size: Int
        // Whole once `size` bytes are read: the size `fstat` just gave a
        // regular file (one that grows afterwards is read as it was then,
        // which is what its stamp says; see `readAllStamped`). Not a size
        // from an earlier `stat`, nor 0 (`/proc` files say 0 and are not).
        var wholeAtSize = false
        if let expectedSize {
            size = expectedSize
        } else {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw .other(describe(errno)) }
            if (st.st_mode & S_IFMT) == S_IFDIR { throw .other("is a directory") }
            size = Int(st.st_size)
            status?.pointee = st
            wholeAtSize = (st.st_mode & S_IFMT) == S_IFREG && size > 0
        }
        if size < 0 { size = 0 }
        var filled = 0
        var failure: Int32 = 0
        // One allocation, not zero-filled: read(2) writes every byte we keep.
        var result = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            while filled < size {
                let n = read(fd, base + filled, size - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        if failure != 0 { throw .other(describe(failure)) }
        if wholeAtSize && filled == size { return result }
        // A file that grew after fstat (or a special file reporting size 0):
        // read the rest in chunks. A one-byte probe keeps the common case
        // (already at end of file) free of a second allocation.
        var probe: UInt8 = 0
        while true {
            let n = read(fd, &probe, 1)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .other(describe(errno)) }
            if n == 0 { return result }
            result.append(probe)
            break
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .other(describe(errno))
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or directory"
        case EISDIR: return "is a directory"
        case ELOOP: return "too many levels of symbolic links"
        default:
            if let s = strerror(code) { return String(cString: s).lowercased() }
            return "error \(code)"
        }
    }
}
