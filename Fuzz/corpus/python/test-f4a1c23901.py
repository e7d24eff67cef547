# 🎉🎉
🎉 = slot
