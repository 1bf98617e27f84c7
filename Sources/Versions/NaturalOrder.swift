/// Compares pre-release identifiers the way people read them: `rc2` before `rc10`, `alpha` before `beta`.
enum NaturalOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let left = runs(a.lowercased())
        let right = runs(b.lowercased())
        for (x, y) in zip(left, right) where x != y {
            switch (Int(x), Int(y)) {
            case (let m?, let n?): return m < n
            case (.some, nil): return true  // numeric identifiers sort before words (semver §11)
            case (nil, .some): return false
            case (nil, nil): return x < y
            }
        }
        return left.count < right.count
    }

    /// `rc10.1` → [rc, 10, ., 1]: runs of digits and of everything else.
    private static func runs(_ text: String) -> [String] {
        var result: [String] = []
        for character in text {
            if let last = result.last, last.last?.isNumber == character.isNumber {
                result[result.count - 1].append(character)
            } else {
                result.append(String(character))
            }
        }
        return result
    }
}
