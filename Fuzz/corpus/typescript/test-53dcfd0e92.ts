// header
function f() {}
import {
  AvailabilitySlot as S,
  // c
  Other,
} from "../models"
