//! DER, read and written. The reader takes one value (tag, length,
//! contents) at a time from a byte slice: one-byte tags, definite lengths
//! of at most four bytes, every length checked against the bytes there
//! are, nesting limited to [`MAX_DEPTH`]. It never panics and never
//! indexes: any input gives a value or a [`Problem`].
//!
//! The writers build the few shapes a certificate request needs.

use super::Problem;

/// How deep values may nest (a certificate needs about ten levels).
pub const MAX_DEPTH: u8 = 24;

/// The universal tags the portal reads or writes.
pub mod tag {
    pub const BOOLEAN: u8 = 0x01;
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const NULL: u8 = 0x05;
    pub const OID: u8 = 0x06;
    pub const UTF8_STRING: u8 = 0x0c;
    pub const NUMERIC_STRING: u8 = 0x12;
    pub const PRINTABLE_STRING: u8 = 0x13;
    pub const T61_STRING: u8 = 0x14;
    pub const IA5_STRING: u8 = 0x16;
    pub const UTC_TIME: u8 = 0x17;
    pub const GENERALIZED_TIME: u8 = 0x18;
    pub const VISIBLE_STRING: u8 = 0x1a;
    pub const UNIVERSAL_STRING: u8 = 0x1c;
    pub const BMP_STRING: u8 = 0x1e;
    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;

    /// `[n]` of a constructed (explicit, or implicit SEQUENCE/SET) value.
    pub const fn context(n: u8) -> u8 {
        0xa0 | n
    }

    /// `[n]` of a primitive implicit value (a string, an OCTET STRING).
    pub const fn context_primitive(n: u8) -> u8 {
        0x80 | n
    }
}

/// One value read: its tag, its contents, and all its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// The contents (after the length).
    pub value: &'a [u8],
    /// The whole encoding: tag, length and contents.
    pub raw: &'a [u8],
    depth: u8,
}

impl<'a> Tlv<'a> {
    /// A reader over the contents, one level deeper.
    pub fn contents(&self) -> Result<Reader<'a>, Problem> {
        self.nested(self.value)
    }

    /// A reader over DER carried inside this value (the contents of an
    /// OCTET STRING or a BIT STRING), one level deeper.
    pub fn nested(&self, bytes: &'a [u8]) -> Result<Reader<'a>, Problem> {
        let depth =
            self.depth.checked_add(1).filter(|d| *d <= MAX_DEPTH).ok_or(Problem::TooDeep)?;
        Ok(Reader { rest: bytes, depth })
    }

    /// The bits of a BIT STRING whose last byte is whole (keys, signatures).
    pub fn bit_string(&self) -> Result<&'a [u8], Problem> {
        match self.value.split_first() {
            Some((0, bits)) => Ok(bits),
            _ => Err(Problem::BadValue("bit string")),
        }
    }

    /// A BOOLEAN's value (DER writes TRUE as 0xff; any non-zero is taken).
    pub fn boolean(&self) -> Result<bool, Problem> {
        match self.value {
            [b] => Ok(*b != 0),
            _ => Err(Problem::BadValue("boolean")),
        }
    }
}

/// Reads values one after the other from a slice.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
    depth: u8,
}

impl<'a> Reader<'a> {
    /// A reader at the top level of `der`.
    pub fn new(der: &'a [u8]) -> Self {
        Reader { rest: der, depth: 0 }
    }

    /// The one value of `der` (with tag `tag`), nothing after it.
    pub fn single(der: &'a [u8], tag: u8) -> Result<Tlv<'a>, Problem> {
        let mut r = Reader::new(der);
        let value = r.expect(tag)?;
        r.finish()?;
        Ok(value)
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next value, if any.
    pub fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next value, whatever its tag.
    pub fn any(&mut self) -> Result<Tlv<'a>, Problem> {
        let start = self.rest;
        let (&tag, rest) = start.split_first().ok_or(Problem::Truncated)?;
        if tag & 0x1f == 0x1f {
            return Err(Problem::NotDer); // a tag number over 30
        }
        let (&first, mut rest) = rest.split_first().ok_or(Problem::Truncated)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 || n > 4 {
                return Err(Problem::NotDer); // indefinite, or over 4 GiB
            }
            let (bytes, after) = rest.split_at_checked(n).ok_or(Problem::Truncated)?;
            rest = after;
            let len = bytes.iter().fold(0u32, |len, &b| (len << 8) | u32::from(b));
            usize::try_from(len).map_err(|_| Problem::Truncated)?
        };
        let (value, after) = rest.split_at_checked(len).ok_or(Problem::Truncated)?;
        let used = start.len().checked_sub(after.len()).ok_or(Problem::Truncated)?;
        let raw = start.get(..used).ok_or(Problem::Truncated)?;
        self.rest = after;
        Ok(Tlv { tag, value, raw, depth: self.depth })
    }

    /// The next value, which must have tag `tag`.
    pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>, Problem> {
        match self.peek() {
            Some(found) if found == tag => self.any(),
            found => Err(Problem::Unexpected { expected: tag, found }),
        }
    }

    /// The next value if it has tag `tag` (an OPTIONAL field).
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, Problem> {
        if self.peek() == Some(tag) {
            self.any().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Nothing may follow.
    pub fn finish(&self) -> Result<(), Problem> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Problem::TrailingData)
        }
    }
}

/// Whether `der` is one well-formed DER value, walked down through every
/// constructed value (not the contents of strings).
pub fn validate(der: &[u8]) -> Result<(), Problem> {
    let mut r = Reader::new(der);
    let top = r.any()?;
    r.finish()?;
    walk(&top)
}

fn walk(value: &Tlv) -> Result<(), Problem> {
    if value.tag & 0x20 != 0 {
        let mut inner = value.contents()?;
        while !inner.is_empty() {
            walk(&inner.any()?)?;
        }
    }
    Ok(())
}

/// A value: `tag`, the length, `contents`.
pub fn write(tag: u8, contents: &[u8]) -> Vec<u8> {
    let len = contents.len();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(contents);
    out
}

/// A SEQUENCE of the given encoded values.
pub fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    write(tag::SEQUENCE, &parts.concat())
}

/// A SET of the given encoded values (in the order given: callers pass one
/// value, or values already in DER order).
pub fn set(parts: &[&[u8]]) -> Vec<u8> {
    write(tag::SET, &parts.concat())
}

/// An OBJECT IDENTIFIER from its contents (the constants of `oid`).
pub fn oid(contents: &[u8]) -> Vec<u8> {
    write(tag::OID, contents)
}

/// A non-negative INTEGER from big-endian bytes: leading zeros dropped, one
/// put back when the high bit is set (else it would read as negative).
pub fn unsigned(big_endian: &[u8]) -> Vec<u8> {
    let skip = big_endian.iter().take_while(|b| **b == 0).count();
    let digits = big_endian.get(skip..).unwrap_or_default();
    let mut contents = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|b| b & 0x80 != 0) {
        contents.push(0);
    }
    contents.extend_from_slice(digits);
    write(tag::INTEGER, &contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_short_and_long() {
        assert_eq!(write(tag::OCTET_STRING, &[7; 3]), [4, 3, 7, 7, 7]);
        let long = write(tag::OCTET_STRING, &[1; 200]);
        assert_eq!(long.get(..3), Some(&[4, 0x81, 200][..]));
        let longer = write(tag::OCTET_STRING, &[1; 0x1234]);
        assert_eq!(longer.get(..4), Some(&[4, 0x82, 0x12, 0x34][..]));
        for der in [long, longer] {
            let v = Reader::single(&der, tag::OCTET_STRING).unwrap();
            assert_eq!(v.raw, &der[..]);
            assert!(v.value.iter().all(|b| *b == 1));
            assert_eq!(v.value.len() + if der.len() > 300 { 4 } else { 3 }, der.len());
        }
    }

    #[test]
    fn values_are_read_in_turn() {
        // SEQUENCE { INTEGER 5, NULL, [0] { BOOLEAN TRUE } }
        let der = [0x30, 0x0a, 0x02, 0x01, 0x05, 0x05, 0x00, 0xa0, 0x03, 0x01, 0x01, 0xff];
        let top = Reader::single(&der, tag::SEQUENCE).unwrap();
        let mut r = top.contents().unwrap();
        assert_eq!(r.expect(tag::INTEGER).unwrap().value, [5]);
        assert_eq!(r.optional(tag::BOOLEAN).unwrap(), None);
        assert_eq!(r.expect(tag::NULL).unwrap().raw, [5, 0]);
        let explicit = r.optional(tag::context(0)).unwrap().unwrap();
        assert!(explicit.contents().unwrap().expect(tag::BOOLEAN).unwrap().boolean().unwrap());
        assert!(r.is_empty());
        assert_eq!(
            r.expect(tag::INTEGER),
            Err(Problem::Unexpected { expected: tag::INTEGER, found: None })
        );
        assert_eq!(validate(&der), Ok(()));
    }

    #[test]
    fn what_is_not_der_is_refused() {
        assert_eq!(Reader::new(&[]).any(), Err(Problem::Truncated));
        assert_eq!(Reader::new(&[0x30]).any(), Err(Problem::Truncated));
        assert_eq!(Reader::new(&[0x30, 0x80, 0, 0]).any(), Err(Problem::NotDer), "indefinite");
        assert_eq!(Reader::new(&[0x1f, 0x81, 0x01, 0x00]).any(), Err(Problem::NotDer), "long tag");
        assert_eq!(Reader::new(&[0x04, 0x85, 1, 0, 0, 0, 0]).any(), Err(Problem::NotDer));
        // a length of 4 GiB - 1 over 3 bytes
        assert_eq!(
            Reader::new(&[0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 1]).any(),
            Err(Problem::Truncated)
        );
        assert_eq!(Reader::new(&[0x04, 0x82, 0x01]).any(), Err(Problem::Truncated));
        assert_eq!(Reader::new(&[0x04, 0x03, 1, 2]).any(), Err(Problem::Truncated));
        assert_eq!(Reader::single(&[0x05, 0x00, 0x00], tag::NULL), Err(Problem::TrailingData));
        assert_eq!(
            Reader::single(&[0x05, 0x00], tag::SEQUENCE),
            Err(Problem::Unexpected { expected: tag::SEQUENCE, found: Some(tag::NULL) })
        );
        // SEQUENCE { INTEGER with a length past the SEQUENCE's end }
        assert_eq!(validate(&[0x30, 0x03, 0x02, 0x05, 0x01]), Err(Problem::Truncated));
        assert!(Reader::single(&[0x03, 0x02, 0x01, 0xfe], 3).unwrap().bit_string().is_err());
        assert!(Reader::single(&[0x01, 0x02, 0xff, 0xff], 1).unwrap().boolean().is_err());
    }

    #[test]
    fn nesting_is_limited() {
        fn nest(levels: usize) -> Vec<u8> {
            (0..levels).fold(vec![0x05, 0x00], |inner, _| write(tag::SEQUENCE, &inner))
        }
        assert_eq!(validate(&nest(usize::from(MAX_DEPTH))), Ok(()));
        assert_eq!(validate(&nest(usize::from(MAX_DEPTH) + 1)), Err(Problem::TooDeep));
        assert_eq!(validate(&nest(2000)), Err(Problem::TooDeep));
    }

    #[test]
    fn integers_are_minimal_and_positive() {
        assert_eq!(unsigned(&[0, 0, 0x7f]), [2, 1, 0x7f]);
        assert_eq!(unsigned(&[0x80]), [2, 2, 0, 0x80]);
        assert_eq!(unsigned(&[0, 0, 0xff, 1]), [2, 3, 0, 0xff, 1]);
        assert_eq!(unsigned(&[0, 0]), [2, 1, 0]);
        assert_eq!(unsigned(&[]), [2, 1, 0]);
        assert_eq!(sequence(&[&[5, 0], &oid(&[0x55, 4, 3])]), [0x30, 7, 5, 0, 6, 3, 0x55, 4, 3]);
        assert_eq!(set(&[&[5, 0]]), [0x31, 2, 5, 0]);
    }
}
