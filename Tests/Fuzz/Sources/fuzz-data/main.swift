import TakeoffIO

/// CSV text → a data table whose every cell is read as a number or date, or a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzData(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    guard let table = try? DataTable.parse(text: text, file: "fuzz.csv") else { return 0 }
    for row in table.rows.indices.prefix(64) {
        for column in table.header.indices { _ = try? table.number(row: row, column: column) }
    }
    _ = DataTable.decimalYear(text)
    return 0
}
