let a = 1
import b from 'b'