import a b c  # x
import d
